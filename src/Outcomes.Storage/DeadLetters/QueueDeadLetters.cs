using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Outcomes.Storage;

/// <summary>
/// The local host's dead letters: Azure Storage queues named <c>{queue}-deadletter</c> holding the local host's Service
/// Bus envelopes (JSON with <c>MessageId</c>, <c>EnqueuedTimeUtc</c>, <c>Body</c>, and once dead-lettered
/// <c>DeadLetterReason</c>, <c>DeadLetterErrorDescription</c>, <c>DeliveryCount</c>; see the local host's
/// <c>ServiceBusEnvelope</c>). A replay puts the envelope back on <c>{queue}</c> without those three.
/// </summary>
internal sealed class QueueDeadLetters(QueueServiceClient queues) : IDeadLetters
{
    /// <summary>How long a replay holds the dead letters it looks through; they are released as soon as it is done.</summary>
    private static readonly TimeSpan SearchLock = TimeSpan.FromSeconds(30);

    private static readonly string[] DeadLetterFields = ["DeadLetterReason", "DeadLetterErrorDescription", "DeliveryCount"];

    public static string DeadLetterQueueName(string queue) => queue + "-deadletter";

    public async Task<DeadLetterList> ListAsync(string queue, CancellationToken ct)
    {
        var deadLetters = queues.GetQueueClient(DeadLetterQueueName(queue));
        try
        {
            var peeked = (await deadLetters.PeekMessagesAsync(DeadLetterRules.Shown, ct)).Value;
            var waiting = (await deadLetters.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
            return new DeadLetterList(peeked.Select(m => Describe(m.MessageText, m.MessageId, m.InsertedOn)).ToList(), waiting > peeked.Length);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new DeadLetterList([], false);   // no message was ever dead-lettered here
        }
    }

    public async Task<ReplayOutcome> ReplayAsync(string queue, string messageId, CancellationToken ct)
    {
        var deadLetters = queues.GetQueueClient(DeadLetterQueueName(queue));
        var held = new List<QueueMessage>();
        try
        {
            // A storage queue cannot be read by id: take the dead letters in turn, out of sight of others, until it shows.
            while (true)
            {
                QueueMessage[] batch;
                try { batch = (await deadLetters.ReceiveMessagesAsync(DeadLetterRules.Shown, SearchLock, ct)).Value; }
                catch (RequestFailedException e) when (e.Status == 404) { return ReplayOutcome.NotFound; }
                if (batch.Length == 0)
                    return ReplayOutcome.NotFound;
                held.AddRange(batch);
                if (batch.FirstOrDefault(m => Envelope(m.MessageText) is { } e && String(e, "MessageId") == messageId) is not { } found)
                    continue;
                var envelope = Envelope(found.MessageText)!;
                foreach (var field in DeadLetterFields) envelope.Remove(field);
                var target = queues.GetQueueClient(queue);
                await target.CreateIfNotExistsAsync(cancellationToken: ct);
                await target.SendMessageAsync(envelope.ToJsonString(), ct);
                await deadLetters.DeleteMessageAsync(found.MessageId, found.PopReceipt, CancellationToken.None);
                held.Remove(found);
                return ReplayOutcome.Replayed;
            }
        }
        finally
        {
            foreach (var message in held)
            {
                try { await deadLetters.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None); }
                catch (RequestFailedException) { }   // it shows again when its lock lapses
            }
        }
    }

    private static DeadLetter Describe(string text, string queueMessageId, DateTimeOffset? insertedOn)
    {
        if (Envelope(text) is not { } envelope)
            return new DeadLetter(queueMessageId, "NotAServiceBusEnvelope", null, 0, insertedOn ?? DateTimeOffset.MinValue);
        return new DeadLetter(
            String(envelope, "MessageId") ?? queueMessageId,
            String(envelope, "DeadLetterReason"),
            DeadLetterRules.Bounded(String(envelope, "DeadLetterErrorDescription")),
            envelope["DeliveryCount"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : 0,
            envelope["EnqueuedTimeUtc"] is JsonValue time && time.TryGetValue<DateTimeOffset>(out var at) ? at : insertedOn ?? DateTimeOffset.MinValue);
    }

    private static string? String(JsonObject envelope, string name) =>
        envelope[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? Envelope(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
