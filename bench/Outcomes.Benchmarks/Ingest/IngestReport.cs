namespace Outcomes.Benchmarks.Ingest;

/// <summary>The ingest benchmark's figures, printed to stdout (progress goes to stderr).</summary>
internal static class IngestReport
{
    public const string Goal = "goal: ratio ≥ 0.3, ≤ 4 requests per answer in the common case";

    /// <summary>Prints the figures and the read-back; true when every answer was stored and counted exactly once.</summary>
    public static bool Print(IngestOptions options, IReadOnlyList<RoundRates> rounds,
        IReadOnlyList<CountedRequest> requests,
        IngestRounds work, IngestCheckResult check, IReadOnlyList<string> framingProblems, string loadAtStart)
    {
        var answers = rounds.Sum(r => r.Count);
        var (answersPerSecond, insertsPerSecond, proxiedPerSecond) =
            (Median(rounds.Select(r => r.AnswersPerSecond)), Median(rounds.Select(r => r.InsertsPerSecond)), Median(rounds.Select(r => r.ProxiedInsertsPerSecond)));
        var total = requests.Sum(r => r.Count);

        Console.WriteLine();
        Console.WriteLine($"Ingest: {answers:N0} answers delivered to RecordSurveyResponse ({Handler(options)}, called as the host delivers " +
                          $"a survey-responses message) in {rounds.Count} rounds at client concurrency {options.Concurrency}, after {options.Warmup:N0} warm-up answers; " +
                          $"in each round as many raw inserts at the same concurrency into the same Azurite; Azurite in memory; {Environment.ProcessorCount} cores; " +
                          $"{DateTime.UtcNow:yyyy-MM-dd}; load average (1 min) {loadAtStart} when the rounds began, {LoadAverage()} at their end");
        Console.WriteLine();
        Console.WriteLine("| round | answers | inserts/s | inserts/s through the proxy | answers/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
            Console.WriteLine($"| {r.Round + 1} | {r.Count:N0} | {r.InsertsPerSecond:N0} | {r.ProxiedInsertsPerSecond:N0} | {r.AnswersPerSecond:N1} |");
        Console.WriteLine();
        Console.WriteLine($"answers/s: {answersPerSecond:N1} (median of {rounds.Count} rounds)");
        Console.WriteLine($"inserts/s: {insertsPerSecond:N0} (median; AddEntityAsync of small entities into a fresh table, straight to Azurite)");
        Console.WriteLine($"ratio (answers/s ÷ inserts/s): {answersPerSecond / insertsPerSecond:F3}");
        Console.WriteLine($"  beside it: {proxiedPerSecond:N0} inserts/s through the counting proxy the handler talks to (median), " +
                          $"a ratio of {answersPerSecond / proxiedPerSecond:F3} against those");
        Console.WriteLine();
        Console.WriteLine($"Table requests per answer: {(double)total / answers:F2} ({total:N0} requests for {answers:N0} answers); " +
                          $"Azurite's time per answer, summed over its requests: {requests.Sum(r => r.Took.TotalMilliseconds) / answers:F1} ms");
        Console.WriteLine("  by kind: " + string.Join(", ", TableRequestCounts.Kinds.Select(kind =>
            $"{kind} {(double)requests.Where(r => r.Request.Kind == kind).Sum(r => r.Count) / answers:F2}")));
        Console.WriteLine();
        Console.WriteLine("| per answer | request | statuses | mean ms in Azurite | ms per answer |");
        Console.WriteLine("|---:|---|---|---:|---:|");
        foreach (var r in requests)
            Console.WriteLine($"| {(double)r.Count / answers:F2} | `{r.Request.Label}` | {string.Join(", ", r.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"))} " +
                              $"| {r.MeanMilliseconds:F1} | {r.Took.TotalMilliseconds / answers:F1} |");
        Console.WriteLine();
        Console.WriteLine(Goal);
        Console.WriteLine();

        Console.WriteLine($"Read back: {check.Stored:N0} of {check.Expected:N0} one-week follow-ups answered with the response id delivered for them; " +
                          $"the clinics' own reports count {check.Counted:N0} one-week answers; {work.Recorded:N0} deliveries answered 'Recorded'.");
        foreach (var problem in check.Problems.Concat(work.NotRecorded).Concat(framingProblems.Select(p => $"proxy lost the framing: {p}")).Take(20))
            Console.WriteLine($"  {problem}");
        var passed = check.Passed && work.NotRecorded.Count == 0 && work.Recorded == check.Expected && framingProblems.Count == 0;
        Console.WriteLine(passed ? "Every answer stored and counted exactly once." : "FAILED: the figures above are not for work done as it should be.");
        return passed;
    }

    /// <summary>Which handler the run started: the built one, the one scripts/publish.sh publishes, or one published before.</summary>
    public static string Handler(IngestOptions options) => (options.Published, options.AppRoot) switch
    {
        (true, _) => "the published handler (scripts/publish.sh: self-contained, ReadyToRun)",
        (_, { } root) => $"the handler published in {root}",
        _ => $"the built {BuiltHandler.Configuration} handler",
    };

    /// <summary>The machine's 1-minute load average, to tell a run on a busy machine from one on a quiet one.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
