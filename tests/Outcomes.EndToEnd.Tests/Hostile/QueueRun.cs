using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// Puts messages no function can process on a queue of the local host, the way another sender would (the envelope the
/// local host documents), and follows each one: every delivery must be refused with a 4xx (the handler never answers
/// 5xx), and after the maximum delivery count the message must sit in the dead-letter queue with that reason.
/// </summary>
internal static partial class QueueRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends the messages (and texts that are not envelopes at all), then <paramref name="andThen"/> (a good message,
    /// say), waits until each bad one is dead-lettered or taken, and judges. With <paramref name="checkStore"/>, the
    /// store must be as it was, beside the dead-letter queue and the changes <paramref name="goodOnes"/> claims (those
    /// of the good message sent meanwhile).
    /// </summary>
    public static async Task<HostileReport> SendAsync(HostileHost app, string test, string queue, string function,
        IReadOnlyList<BadMessage> messages, IReadOnlyList<string> notEnvelopes, bool checkStore = true, Func<Task>? andThen = null,
        Func<string, bool>? goodOnes = null)
    {
        var host = app.Host;
        await StoreSnapshot.QuietAsync(host);
        var before = await StoreSnapshot.TakeAsync(host);
        var clock = Stopwatch.StartNew();
        var sent = messages.Select((m, i) => (Message: m, Id: $"hostile-{i:000}-{Guid.NewGuid():N}")).ToList();
        foreach (var (message, id) in sent)
            await host.SendServiceBusMessageAsync(queue, id, message.Body);
        var client = host.Queue(queue);
        foreach (var text in notEnvelopes)
            await client.SendMessageAsync(text);
        if (andThen is not null)
            await andThen();

        var letters = await DeadLettersAsync(host, queue, sent.Select(s => s.Id).ToHashSet(), notEnvelopes.ToHashSet());
        await StoreSnapshot.QuietAsync(host);
        var changes = checkStore
            ? (await StoreSnapshot.TakeAsync(host)).ChangesSince(before).Where(c => !IsQueueWork(c, queue) && !(goodOnes?.Invoke(c) ?? false)).ToList()
            : [];

        var findings = new List<Finding>();
        var lines = host.Lines;
        var door = $"queue {queue} → {function}";
        foreach (var (message, id) in sent)
        {
            Finding Because(string cause, string detail) => new(cause, new Probe(door, $"{message.Input}: {detail}", "MESSAGE", id), null);
            var invocations = InvocationsOf(lines, id);
            foreach (var failure in lines.Select(l => Failure().Match(l)).Where(m => m.Success && invocations.Contains(m.Groups["id"].Value)).Select(m => m.Groups["why"].Value).Distinct())
                if (!AnsweredClientError().IsMatch(failure))
                    findings.Add(Because("a delivery failed other than by a 4xx refusal", failure));
            if (Succeeded(lines, invocations))
                findings.Add(Because("a malformed message was taken as valid (the handler answered 2xx)", $"{invocations.Count} deliveries"));
            else if (!letters.TryGetValue(id, out var letter))
                findings.Add(Because("not dead-lettered within a minute", $"{invocations.Count} deliveries seen"));
            else if (letter["DeadLetterReason"]?.GetValue<string>() != "MaxDeliveryCountExceeded")
                findings.Add(Because("dead-lettered for another reason than the delivery count", letter["DeadLetterReason"]?.ToString() ?? "(none)"));
            else if (letter["DeadLetterErrorDescription"]?.GetValue<string>() is not { } why || !AnsweredClientError().IsMatch(why))
                findings.Add(Because("dead-lettered without a 4xx refusal as its reason", letter["DeadLetterErrorDescription"]?.ToString() ?? "(none)"));
        }
        foreach (var text in notEnvelopes.Where(t => !letters.Values.Any(l => l["Body"]?.GetValue<string>() == t && l["DeadLetterReason"]?.GetValue<string>() == "NotAServiceBusEnvelope")))
            findings.Add(new Finding("a queue text that is not an envelope was not dead-lettered as such", new Probe(door, HostileText.Show(text, 60), "MESSAGE", "(raw)"), null));
        return new HostileReport(test, sent.Count + notEnvelopes.Count, findings, changes, [], clock.Elapsed);
    }

    /// <summary>
    /// The dead letters of the queue, by MessageId, once every message sent is either there or was taken (a delivery
    /// succeeded), or the patience is spent. Each dead letter is received once and kept hidden.
    /// </summary>
    private static async Task<Dictionary<string, JsonObject>> DeadLettersAsync(LocalHostProcess host, string queue, IReadOnlySet<string> ids, IReadOnlySet<string> bodies)
    {
        var letters = new Dictionary<string, JsonObject>();
        var deadLetters = new QueueClient(host.StorageConnectionString, queue + "-deadletter");
        await deadLetters.CreateIfNotExistsAsync();
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var received = (await deadLetters.ReceiveMessagesAsync(32, TimeSpan.FromHours(1))).Value;
            foreach (var message in received)
                if (JsonNode.Parse(message.MessageText) is JsonObject letter && letter["MessageId"]?.GetValue<string>() is { } id)
                    letters[id] = letter;
            var lines = host.Lines;
            var settled = ids.Count(id => letters.ContainsKey(id) || Succeeded(lines, InvocationsOf(lines, id)))
                + bodies.Count(body => letters.Values.Any(l => l["Body"]?.GetValue<string>() == body));
            if (settled >= ids.Count + bodies.Count)
                break;
            if (received.Length == 0)
                await Task.Delay(250);
        }
        return letters;
    }

    private static HashSet<string> InvocationsOf(IReadOnlyList<string> lines, string messageId) =>
        lines.Select(l => Executing().Match(l)).Where(m => m.Success && m.Groups["message"].Value == messageId).Select(m => m.Groups["id"].Value).ToHashSet();

    private static bool Succeeded(IReadOnlyList<string> lines, IReadOnlySet<string> invocations) =>
        invocations.Count > 0 && lines.Any(l => l.Contains("(Succeeded, Id=", StringComparison.Ordinal) && invocations.Any(id => l.Contains($"Id={id},", StringComparison.Ordinal)));

    /// <summary>What handling a queue's messages may change: its dead-letter queue, and the count of queue-triggered invocations.</summary>
    private static bool IsQueueWork(string change, string queue) =>
        change.StartsWith($"queue '{queue}-deadletter'", StringComparison.Ordinal) || change.StartsWith($"queue '{queue}'", StringComparison.Ordinal)
        || change.EndsWith("something was queued", StringComparison.Ordinal);

    [GeneratedRegex(@"Executing 'Functions\.\w+' \(Reason='New ServiceBus message detected on '[^']+' \(MessageId=(?<message>[^,]+), DeliveryCount=\d+\)', Id=(?<id>[0-9a-f-]+)\)")]
    private static partial Regex Executing();

    [GeneratedRegex(@"Failure of 'Functions\.\w+' \(Id=(?<id>[0-9a-f-]+)\): (?<why>.*)$")]
    private static partial Regex Failure();

    [GeneratedRegex(@"answered 4\d\d ")]
    private static partial Regex AnsweredClientError();
}
