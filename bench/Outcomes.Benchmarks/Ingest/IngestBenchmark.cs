using Azure.Data.Tables;
using Outcomes.LocalHost.Storage;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>
/// The ingest benchmark (<c>ingest</c>): how fast the built handler stores answers through <c>RecordSurveyResponse</c>,
/// beside the raw single-insert rate of the same Azurite at the same client concurrency, and how many Table Storage
/// requests one answer costs. See README.md beside the project.
/// </summary>
internal static class IngestBenchmark
{
    private const int MemoryGoalMegabytes = 150;

    public static async Task<int> RunAsync(string[] args)
    {
        if (IngestOptions.Read(args) is not { } options)
        {
            Console.Error.WriteLine(IngestOptions.Usage);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;

        var handlerPath = BuiltHandler.Path;
        if (options.Published)
        {
            Console.Error.WriteLine("Publishing the handler with scripts/publish.sh...");
            handlerPath = await PublishedApps.PublishHandlerAsync(PublishedApps.Folder("ingest", "handler"), ct);
        }
        else if (options.AppRoot is not null)
            handlerPath = Path.Combine(options.AppRoot, "Outcomes.Functions");
        Console.Error.WriteLine($"Starting Azurite (in memory), the counting proxy and {IngestReport.Handler(options)}...");
        await using var azurite = await AzuriteProcess.StartAsync(BuiltHandler.RepoRoot, dataFolder: null, ct: ct);
        var prefix = "i" + Guid.NewGuid().ToString("N")[..6];
        var counts = new TableRequestCounts(prefix);
        await using var proxy = new CountingTableProxy(azurite.TablePort, counts);
        var throughProxy = AzuriteProcess.ConnectionStringFor(azurite.BlobPort, azurite.QueuePort, proxy.Port);
        await using var handler = await HandlerProcess.StartAsync(handlerPath, throughProxy, prefix, ct);

        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var seeded = await IngestCohort.SeedAsync(handler, options, options.Warmup + options.Answers, ct);
        Console.Error.WriteLine($"Seeded {seeded.Count:N0} answered surveys in {seeding.Elapsed.TotalSeconds:F0} s; their messages are not yet delivered.");
        var (warmup, timed) = (seeded.Take(options.Warmup).ToList(), seeded.Skip(options.Warmup).ToList());

        var directInserts = new TableClient(azurite.ConnectionString, prefix + "Inserts");
        var proxiedInserts = new TableClient(throughProxy, prefix + "InsertsViaProxy");
        await directInserts.CreateAsync(ct);
        await proxiedInserts.CreateAsync(ct);
        var rounds = new IngestRounds(handler.Client, directInserts, proxiedInserts, counts, options.Concurrency, ct);
        if (warmup.Count > 0)
            await rounds.WarmUpAsync(warmup);
        var (loadAtStart, rates) = (IngestReport.LoadAverage(), new List<RoundRates>());
        for (var r = 0; r < options.Rounds; r++)
        {
            var (from, to) = (r * timed.Count / options.Rounds, (r + 1) * timed.Count / options.Rounds);
            var round = await rounds.RunAsync(r, timed[from..to]);
            rates.Add(round);
            Console.Error.WriteLine($"Round {r + 1}/{options.Rounds} ({round.Count:N0} each): {round.InsertsPerSecond:N0} inserts/s, " +
                                    $"{round.ProxiedInsertsPerSecond:N0} inserts/s through the proxy, {round.AnswersPerSecond:N1} answers/s");
        }
        var requests = counts.SnapshotByKind();   // the queries of one kind (a procedure's answers, whatever the procedure) on one line

        Console.Error.WriteLine("Reading every answer back through the API...");
        var check = await IngestCheck.RunAsync(handler.Client, seeded, options.SeedConcurrency, ct);
        var memory = ResidentMemory.Of(handler.ProcessId);
        var stored = IngestReport.Print(options, rates, requests, rounds, check, counts.FramingProblems, loadAtStart);
        Console.WriteLine($"handler resident memory after the run ({IngestReport.Handler(options)}): {memory.ResidentMegabytes:F1} MB (VmRSS), " +
                          $"peak {memory.PeakMegabytes:F1} MB (VmHWM); goal: at most {MemoryGoalMegabytes} MB -> {(memory.ResidentMegabytes <= MemoryGoalMegabytes ? "met" : "NOT met")}");
        Console.WriteLine($"  of which {memory.AnonymousMegabytes:F1} MB anonymous (heaps: the GC's, the runtime's, the JIT's code) and " +
                          $"{memory.FileMegabytes:F1} MB mapped files (the runtime, the framework and the app's images, as far as touched)");
        return stored ? 0 : 1;
    }
}
