using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>One round's rates: raw inserts (straight to Azurite, and through the counting proxy) and answers stored.</summary>
internal sealed record RoundRates(int Round, int Count, double InsertsPerSecond, double ProxiedInsertsPerSecond, double AnswersPerSecond);

/// <summary>
/// The timed work, each kind with the same number of clients in flight: answers delivered to <c>RecordSurveyResponse</c> as
/// the host delivers a <c>survey-responses</c> message, and small entities added one by one (<c>AddEntityAsync</c>) to a
/// fresh table. The Table requests of the handler are counted only while answers of a timed round are delivered and
/// until the last of them (some counts are written a moment after their delivery was answered).
/// </summary>
internal sealed class IngestRounds(HttpClient handler, TableClient directInserts, TableClient proxiedInserts, TableRequestCounts counts, int clients, CancellationToken ct)
{
    private readonly ConcurrentBag<string> notRecorded = [];
    private int recorded;
    private int inserted;

    /// <summary>Deliveries answered with the follow-up recorded (the handler's log says so).</summary>
    public int Recorded => recorded;

    /// <summary>Deliveries answered with anything else (already answered, not open, not found): each named.</summary>
    public IReadOnlyCollection<string> NotRecorded => notRecorded;

    public async Task WarmUpAsync(IReadOnlyList<SeededAnswer> answers)
    {
        await InsertAsync(directInserts, answers.Count);
        await InsertAsync(proxiedInserts, answers.Count);
        await DeliverAsync(answers, counted: false);
    }

    /// <summary>One round: the three kinds one after the other, in an order that alternates (A B C, then C B A) so drift hits all alike.</summary>
    public async Task<RoundRates> RunAsync(int round, IReadOnlyList<SeededAnswer> answers)
    {
        var took = new TimeSpan[3];
        foreach (var kind in round % 2 == 0 ? [0, 1, 2] : new[] { 2, 1, 0 })
            took[kind] = kind switch
            {
                0 => await InsertAsync(directInserts, answers.Count),
                1 => await InsertAsync(proxiedInserts, answers.Count),
                _ => await DeliverAsync(answers, counted: true),
            };
        return new RoundRates(round, answers.Count, answers.Count / took[0].TotalSeconds, answers.Count / took[1].TotalSeconds, answers.Count / took[2].TotalSeconds);
    }

    /// <summary>Longer than any Table request the handler still makes after answering a delivery (none is expected: each waits for its count).</summary>
    private static readonly TimeSpan QuietAfterRound = TimeSpan.FromMilliseconds(500);

    /// <summary>The handler's log line for a stored answer: "…_1w: Recorded." (with ", 1 red flags, 0 alerts" when it raised some).</summary>
    private static bool IsRecorded(string log, string procedureId) =>
        System.Text.RegularExpressions.Regex.IsMatch(log, $@"{procedureId}_1w: Recorded(, \d+ red flags, \d+ alerts)?\.$");

    private async Task<TimeSpan> DeliverAsync(IReadOnlyList<SeededAnswer> answers, bool counted)
    {
        counts.Recording = counted;
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var delivered = await Concurrently.RunAsync(answers.Count, clients, async i =>
            {
                var payload = InvocationPayloads.ServiceBus("RecordSurveyResponse", "response", answers[i].MessageText, Guid.NewGuid().ToString("N"));
                var (_, logs) = await handler.InvokeAsync("RecordSurveyResponse", payload, ct);
                if (logs.Count == 1 && IsRecorded(logs[0], answers[i].ProcedureId))
                    Interlocked.Increment(ref recorded);
                else
                    notRecorded.Add($"{answers[i].ProcedureId}: {string.Join(" ", logs)}");
            });
            // Until the handler's last Table request of the round is answered: the counts it writes behind the deliveries are
            // part of the work (and then the quiet wait itself is not).
            var lastRequest = await counts.QuietAsync(QuietAfterRound);
            return TimeSpan.FromTicks(Math.Max(delivered.Ticks, System.Diagnostics.Stopwatch.GetElapsedTime(start, lastRequest).Ticks));
        }
        finally
        {
            counts.Recording = false;
        }
    }

    /// <summary>Small entities, each its own request, with unique row keys (Azurite's insert looks every row with the same RowKey up).</summary>
    private Task<TimeSpan> InsertAsync(TableClient table, int count)
    {
        var first = Interlocked.Add(ref inserted, count) - count;
        return Concurrently.RunAsync(count, clients, i => table.AddEntityAsync(new TableEntity($"p{i % 8}", $"{first + i:D8}")
        {
            ["Pain"] = i % 11, ["AnsweredOn"] = "2026-11-25", ["Source"] = "benchmark",
        }, ct));
    }
}
