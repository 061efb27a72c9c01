using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Outcomes.Benchmarks;
using Outcomes.Benchmarks.Ingest;
using Outcomes.LocalHost.Storage;

// Five benchmarks, see README.md beside this file: report latency against stored responses (the default), "ingest":
// answers stored through RecordSurveyResponse beside raw inserts into the same Azurite, "start": the published
// handler's start beside an empty ASP.NET Core app's, "timer": one timer run among few and many stored procedures, and
// "listing": a clinic's procedure listing, page by page, among 1,000 and 10,000 procedures.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is ["ingest", .. var ingestArgs])
    return await IngestBenchmark.RunAsync(ingestArgs);
if (args is ["timer", .. var timerArgs])
    return await Outcomes.Benchmarks.TimerRuns.TimerBenchmark.RunAsync(timerArgs);
if (args is ["listing", .. var listingArgs])
    return await Outcomes.Benchmarks.Listing.ListingBenchmark.RunAsync(listingArgs);
if (args is ["start", .. var startArgs])
    return await Outcomes.Benchmarks.Start.StartBenchmark.RunAsync(startArgs);
var options = BenchmarkOptions.Read(args);
if (options is null)
{
    Console.Error.WriteLine("""
        Usage: dotnet run -c Release --project bench/Outcomes.Benchmarks -- [--sizes 10000,1000000] [--clinics 10] [--months 12]
               [--procedure-rows-up-to 25000] [--iterations 21] [--warmup 3] [--parallelism 4] [--seed 20261125] [--azurite-heap-mb 16384]
               dotnet run -c Release --project bench/Outcomes.Benchmarks -- ingest --help
               dotnet run -c Release --project bench/Outcomes.Benchmarks -- timer [--rounds 7] [--registered 1000] [--many 10000]
               dotnet run -c Release --project bench/Outcomes.Benchmarks -- start [--iterations 21] [--warmup 2]
               dotnet run -c Release --project bench/Outcomes.Benchmarks -- listing [--rounds 7] [--registered 1000] [--many 10000] [--page-size 50]
        """);
    return 2;
}
var (repoRoot, configuration, handlerPath) = (BuiltHandler.RepoRoot, BuiltHandler.Configuration, BuiltHandler.Path);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;
var today = DateOnly.FromDateTime(DateTime.UtcNow);

// Azurite keeps everything in memory: at a million answers that is several million rows, more than node's default heap.
Environment.SetEnvironmentVariable("NODE_OPTIONS", $"--max-old-space-size={options.AzuriteHeapMegabytes}");
Console.Error.WriteLine($"Starting Azurite (in memory, node heap up to {options.AzuriteHeapMegabytes} MB) and the {configuration} handler...");
await using var azurite = await AzuriteProcess.StartAsync(repoRoot, dataFolder: null, ct: ct);
var service = new TableServiceClient(azurite.ConnectionString);
var run = Guid.NewGuid().ToString("N")[..6];
var cohorts = new List<Cohort>();
var handlers = new List<HandlerProcess>();
var fills = new List<(int Size, int CellsCovered, int Cells)>();
try
{
    foreach (var size in options.Sizes)
    {
        var prefix = $"b{run}n{size}";
        var handler = await HandlerProcess.StartAsync(handlerPath, azurite.ConnectionString, prefix, ct);
        handlers.Add(handler);
        var clinics = new List<(string Id, string Key)>();
        for (var c = 0; c < options.Clinics; c++)
            clinics.Add(await handler.CreateClinicAsync($"Synthetic clinic {c + 1}", "Europe/Amsterdam", ct));
        clinics.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));   // procedure ids rise with the clinic's place in this order
        var analystKey = await handler.IssueAnalystKeyAsync(ct);
        var generating = Stopwatch.StartNew();
        var generated = SyntheticCohort.Generate(options.Clinics, options.Months, size, today, options.Seed);
        var plans = generated.Clinics;
        Console.Error.WriteLine($"Cohort of {size:N0} responses: {plans.Sum(p => p.Count):N0} procedures in {options.Clinics} clinics over {options.Months} months, " +
                                $"{generated.CellsCovered:N0} of {generated.Cells:N0} cells (clinic x month x type x etiology) covered, generated in {generating.Elapsed.TotalSeconds:F1} s; " +
                                $"writing to Azurite (prefix {prefix}; Procedures rows for the first {Math.Min(size, options.ProcedureRowsUpTo):N0} answers)...");
        if (generated.CellsCovered < generated.Cells)
            Console.Error.WriteLine($"WARNING: {size:N0} responses do not cover every cell: the report reads fewer rows at this size. Use fewer --clinics or --months, or a larger size.");
        var fill = await new CohortWriter(service, prefix, today, options.Parallelism, options.ProcedureRowsUpTo).WriteAsync($"{size:N0}", clinics.Select(c => c.Id).ToList(), plans, ct);
        Console.Error.WriteLine($"Filled {size:N0} responses in {fill.Took.TotalSeconds:F0} s: {fill.ProcedureRows:N0} rows in Procedures (for {fill.ResponsesWithProcedureRows:N0} answers), " +
                                $"{fill.TallyRows:N0} tally rows and {fill.MarkerRows:N0} marker rows in OutcomeTallies.");
        fills.Add((size, generated.CellsCovered, generated.Cells));
        var largest = Enumerable.Range(0, options.Clinics).MaxBy(c => plans[c].Count);   // the same clinic at every size (same seed)
        cohorts.Add(new Cohort(size, prefix, handler, clinics[largest].Id, clinics[largest].Key, analystKey, clinics.Select(c => c.Id).ToList(), fill, plans[largest].Count));
    }

    var mode = await ReportMode.DetectAsync(cohorts[0], ct);
    Console.Error.WriteLine(mode == ReportMode.Http
        ? "Measuring GET /api/reports/outcomes over HTTP on the running handlers."
        : "GET /api/reports/outcomes is not there (404): measuring the read path directly (IOutcomeTallies.ReadAsync for the clinics, summed).");
    var kinds = new[] { ReportKind.Clinic, ReportKind.Analyst };
    var timings = cohorts.ToDictionary(c => c.Size, _ => kinds.ToDictionary(k => k, _ => new List<double>()));
    var rowsRead = new Dictionary<(int, ReportKind), int>();
    foreach (var cohort in cohorts)
        foreach (var kind in kinds)
            rowsRead[(cohort.Size, kind)] = await TallyRowsAsync(service, cohort, kind, ct);

    for (var i = -options.Warmup; i < options.Iterations; i++)
    {
        var order = i % 2 == 0 ? cohorts : Enumerable.Reverse(cohorts).ToList();   // A,B then B,A: noise and position hit both
        foreach (var kind in kinds)
            foreach (var cohort in order)
            {
                var ms = await mode.TimeAsync(cohort, kind, azurite.ConnectionString, ct);
                if (i >= 0) timings[cohort.Size][kind].Add(ms);
            }
        Console.Error.Write(i < 0 ? "w" : ".");
    }
    Console.Error.WriteLine();

    Console.WriteLine();
    Console.WriteLine($"Outcome report latency, {(mode == ReportMode.Http ? "GET /api/reports/outcomes over HTTP (the built handler)" : "read path measured directly")}, " +
                      $"{options.Iterations} runs per cell after {options.Warmup} warm-up, sizes interleaved; Azurite in memory; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd}");
    Console.WriteLine();
    Console.WriteLine("| responses stored | procedures | answers with `Procedures` rows | rows in `Procedures` | rows in `OutcomeTallies` (tallies + markers) | report | rows read | median ms | p90 ms |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    foreach (var cohort in cohorts)
        foreach (var kind in kinds)
        {
            var t = timings[cohort.Size][kind];
            Console.WriteLine($"| {cohort.Fill.Responses:N0} | {cohort.Fill.Procedures:N0} | {cohort.Fill.ResponsesWithProcedureRows:N0}{(cohort.Fill.ResponsesWithProcedureRows < cohort.Fill.Responses ? " (first)" : " (all)")} " +
                              $"| {cohort.Fill.ProcedureRows:N0} | {cohort.Fill.TallyRows + cohort.Fill.MarkerRows:N0} ({cohort.Fill.TallyRows:N0} + {cohort.Fill.MarkerRows:N0}) " +
                              $"| {Describe(kind, cohort)} | {rowsRead[(cohort.Size, kind)]:N0} | {Percentile(t, 0.5):F1} | {Percentile(t, 0.9):F1} |");
        }
    Console.WriteLine();
    foreach (var kind in kinds)
    {
        var read = cohorts.Select(c => rowsRead[(c.Size, kind)]).ToList();
        Console.WriteLine($"Rows read, {kind.ToString().ToLowerInvariant()} report: {string.Join(" / ", read.Select(r => r.ToString("N0")))} " +
                          $"({(read.Distinct().Count() == 1 ? "the same at every size" : "NOT the same at every size")}); " +
                          $"cells covered: {string.Join(" / ", fills.Select(f => $"{f.CellsCovered:N0} of {f.Cells:N0}"))}");
    }
    var (small, large) = (cohorts.MinBy(c => c.Size)!, cohorts.MaxBy(c => c.Size)!);
    foreach (var kind in kinds)
        Console.WriteLine($"Ratio {large.Size:N0} / {small.Size:N0} responses, {kind.ToString().ToLowerInvariant()} report: median {Percentile(timings[large.Size][kind], 0.5) / Percentile(timings[small.Size][kind], 0.5):F2}, " +
                          $"p90 {Percentile(timings[large.Size][kind], 0.9) / Percentile(timings[small.Size][kind], 0.9):F2}");
    Console.WriteLine();
    foreach (var cohort in cohorts)
        Console.WriteLine($"Fill {cohort.Fill.Responses:N0} responses: {cohort.Fill.Took.TotalSeconds:F0} s ({(cohort.Fill.ProcedureRows + cohort.Fill.TallyRows + cohort.Fill.MarkerRows) / cohort.Fill.Took.TotalSeconds:N0} rows/s); " +
                          (cohort.Fill.ResponsesWithProcedureRows < cohort.Fill.Responses
                              ? $"Procedures rows only for the first {cohort.Fill.ResponsesWithProcedureRows:N0} answers (--procedure-rows-up-to {options.ProcedureRowsUpTo:N0}; the report does not read that table), OutcomeTallies complete"
                              : "both tables complete"));
    return 0;
}
finally
{
    foreach (var handler in handlers) await handler.DisposeAsync();
}

static string Describe(ReportKind kind, Cohort cohort) => kind == ReportKind.Clinic
    ? $"one clinic (clinic key; {cohort.ClinicProcedures:N0} procedures)"
    : $"all {cohort.ClinicIds.Count} clinics (analyst key)";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = p * (sorted.Count - 1);
    var (low, high) = ((int)Math.Floor(rank), (int)Math.Ceiling(rank));
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

// The rows the report reads: its clinics' index and month rows (everything before the markers, "~...").
static async Task<int> TallyRowsAsync(TableServiceClient service, Cohort cohort, ReportKind kind, CancellationToken ct)
{
    var table = service.GetTableClient(cohort.Prefix + "OutcomeTallies");
    var count = 0;
    foreach (var clinic in kind == ReportKind.Clinic ? [cohort.ClinicId] : cohort.ClinicIds)
        await foreach (var _ in table.QueryAsync<TableEntity>($"PartitionKey eq '{clinic}' and RowKey lt '~'", select: ["RowKey"], cancellationToken: ct))
            count++;
    return count;
}

namespace Outcomes.Benchmarks
{
    internal enum ReportKind { Clinic, Analyst }

    internal sealed record Cohort(int Size, string Prefix, HandlerProcess Handler, string ClinicId, string ClinicKey, string AnalystKey,
        IReadOnlyList<string> ClinicIds, FillResult Fill, int ClinicProcedures);

    internal sealed record BenchmarkOptions(IReadOnlyList<int> Sizes, int Clinics, int Months, int ProcedureRowsUpTo, int Iterations, int Warmup, int Parallelism, int Seed, int AzuriteHeapMegabytes)
    {
        public static BenchmarkOptions? Read(string[] args)
        {
            var options = new BenchmarkOptions([10_000, 1_000_000], 10, 12, 25_000, 21, 3, 4, 20261125, 16384);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                int Int() => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i]} takes a positive number.");
                try
                {
                    options = args[i] switch
                    {
                        "--sizes" => options with { Sizes = (value ?? "").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                        "--clinics" => options with { Clinics = Int() },
                        "--months" => options with { Months = Int() },
                        "--procedure-rows-up-to" => options with { ProcedureRowsUpTo = Int() },
                        "--iterations" => options with { Iterations = Int() },
                        "--warmup" => options with { Warmup = Int() },
                        "--parallelism" => options with { Parallelism = Int() },
                        "--seed" => options with { Seed = Int() },
                        "--azurite-heap-mb" => options with { AzuriteHeapMegabytes = Int() },
                        _ => null,
                    };
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                {
                    Console.Error.WriteLine(e.Message);
                    return null;
                }
                if (options is null) return null;
                i++;
            }
            return options.Sizes.Count >= 2 && options.Sizes.All(s => s > 0) && options.Clinics <= 255 ? options : null;
        }
    }
}
