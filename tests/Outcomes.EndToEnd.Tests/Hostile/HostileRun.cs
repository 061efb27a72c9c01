using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Outcomes.EndToEnd.Tests.Browser;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// Sends a batch of probes through the local host, a few at a time, judges every answer (<see cref="Verdict"/>), and
/// compares the store before and after the batch: a refused input leaves nothing behind.
/// </summary>
internal static class HostileRun
{
    public const int Concurrency = 6;

    public static Task<HostileReport> SendAsync(HostileHost app, string test, IReadOnlyList<Probe> probes) =>
        RunAsync(app, test, probes, p => p, p => SendOneAsync(app, p), Concurrency);

    /// <summary>Raw requests go all at once: some wait on the server's body timeout, and none holds a pooled connection.</summary>
    public static Task<HostileReport> SendRawAsync(HostileHost app, string test, IReadOnlyList<RawProbe> probes) =>
        RunAsync(app, test, probes, r => r.Probe, r => r.SendAsync(app.Host.Port), Math.Max(1, probes.Count));

    private static async Task<HostileReport> RunAsync<T>(HostileHost app, string test, IReadOnlyList<T> items, Func<T, Probe> probeOf,
        Func<T, Task<(Answer? Answer, string? Failure)>> send, int concurrency)
    {
        Assert.NotEmpty(items);
        await StoreSnapshot.QuietAsync(app.Host);
        var before = await StoreSnapshot.TakeAsync(app.Host);
        var seen = app.Host.Lines.Count;
        var findings = new ConcurrentBag<Finding>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            var probe = probeOf(item);
            var (answer, failure) = await send(item);
            if (answer is null)
                findings.Add(new Finding("no HTTP answer", probe, null, failure));
            else
                foreach (var finding in Verdict.Judge(probe, answer, app.Doors.ShapeOf(probe)))
                    findings.Add(finding);
        });

        await StoreSnapshot.QuietAsync(app.Host);
        var changes = (await StoreSnapshot.TakeAsync(app.Host)).ChangesSince(before);
        return new HostileReport(test, items.Count, Explained([.. findings]), changes, HandlerErrors(app.Host.Lines.Skip(seen)), clock.Elapsed);
    }

    private const string SurveyDoor = "POST /api/surveys/{token}";

    /// <summary>
    /// The survey door looks at its link before the answers: once a hostile input was taken on a link (a 2xx, itself a
    /// finding), later requests of the batch on that link are told "already received" whatever they hold. Those are
    /// said so, under a cause of their own, rather than as refusals of the wrong kind.
    /// </summary>
    private static List<Finding> Explained(List<Finding> findings)
    {
        var taken = findings.Where(f => f.Probe.Door == SurveyDoor && f.Answer is { Status: >= 200 and < 300 } && !f.Probe.MayBeServed)
            .Select(f => ApiDoors.Normalized(f.Probe.Target)).ToHashSet();
        return findings.Select(f => f.Probe.Door == SurveyDoor && f.Answer is { Status: 200 or 409 } && taken.Contains(ApiDoors.Normalized(f.Probe.Target))
            ? f with { Cause = $"answered as already received, as an earlier input of the batch was taken on the same link (see the 2xx findings); what this input gets is not known yet ({f.Answer.Status})" }
            : f).ToList();
    }

    public static async Task<(Answer? Answer, string? Failure)> SendOneAsync(HostileHost app, Probe probe)
    {
        var uri = new Uri(app.BaseUrl + probe.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), uri);
        if (probe.Body is not null || probe.ContentType is not null)
        {
            request.Content = probe.Chunked ? new UnsizedContent(probe.Body ?? []) : new ByteArrayContent(probe.Body ?? []);
            if (probe.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
        }
        foreach (var (name, value) in probe.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value))
                (request.Content ??= new ByteArrayContent([])).Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await app.Client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            return (new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, Encoding.UTF8.GetString(body),
                response.Headers.ConnectionClose == true), null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"{e.HttpRequestError}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (TaskCanceledException)
        {
            return (null, $"no answer within {app.Client.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The handler's own error lines (an exception it did not turn into an answer), for the report.</summary>
    private static IReadOnlyList<string> HandlerErrors(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("[handler]", StringComparison.Ordinal) && (l.Contains("Exception", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal)))
            .Select(l => l.Trim()).Distinct().Take(40).ToList();

    /// <summary>A body whose length is not known beforehand, so that HttpClient sends it chunked.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The outcome of one batch: what was wrong, grouped by cause, and what the store kept.</summary>
internal sealed record HostileReport(
    string Test, int Sent, IReadOnlyList<Finding> Findings, IReadOnlyList<string> StoreChanges, IReadOnlyList<string> HandlerErrors, TimeSpan Took)
{
    private const int ShownPerCause = 12;

    public bool Clean => Findings.Count == 0 && StoreChanges.Count == 0;

    /// <summary>This batch and a later one, with findings of the test's own beside them, as one report.</summary>
    public HostileReport And(HostileReport later, IEnumerable<Finding> more) => this with
    {
        Sent = Sent + later.Sent, Findings = [.. Findings, .. later.Findings, .. more], StoreChanges = [.. StoreChanges, .. later.StoreChanges],
        HandlerErrors = [.. HandlerErrors, .. later.HandlerErrors], Took = Took + later.Took,
    };

    /// <summary>Fails with the findings grouped by cause (all of them in TestResults/hostile/{test}.txt); passes when there are none.</summary>
    public void AssertClean()
    {
        var full = Describe(int.MaxValue);
        var folder = Path.Combine(TestArtifacts.ResultsFolder, "hostile");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, TestArtifacts.SafeFileName(Test) + ".txt"), full);
        Assert.True(Clean, Describe(ShownPerCause));
    }

    public string Describe(int perCause)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Test}: {Sent} hostile requests in {Took.TotalSeconds:0.0} s; {Findings.Count} findings, {StoreChanges.Count} store changes.");
        foreach (var cause in Findings.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"== {cause.Key} ({cause.Count()})");
            foreach (var finding in cause.OrderBy(f => f.Probe.Door, StringComparer.Ordinal).ThenBy(f => f.Probe.Input, StringComparer.Ordinal).Take(perCause))
                text.AppendLine($"  {finding}");
            if (cause.Count() > perCause)
                text.AppendLine($"  … and {cause.Count() - perCause} more (all in TestResults/hostile/)");
        }
        if (StoreChanges.Count > 0)
        {
            text.AppendLine($"== the store changed under a batch of refused inputs ({StoreChanges.Count})");
            foreach (var change in StoreChanges.Take(perCause == int.MaxValue ? int.MaxValue : 3 * perCause))
                text.AppendLine($"  {change}");
        }
        if (HandlerErrors.Count > 0 && !Clean)
        {
            text.AppendLine("== the handler's error lines meanwhile");
            foreach (var line in HandlerErrors.Take(perCause == int.MaxValue ? int.MaxValue : perCause))
                text.AppendLine($"  {line}");
        }
        return text.ToString();
    }
}
