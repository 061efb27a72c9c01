using System.Diagnostics;
using System.Globalization;
using System.Net;
using Outcomes.LocalHost.Storage;

namespace Outcomes.Benchmarks.Start;

/// <summary>
/// The start benchmark (<c>start</c>): from process start to the first 200 on <c>GET /api/health</c>, for the handler as
/// scripts/publish.sh publishes it (self-contained, linux-x64, ReadyToRun) beside an empty ASP.NET Core app published the
/// same way, started alternately in one run. The handler's health check reads Table Storage, so Azurite runs throughout.
/// </summary>
internal static class StartBenchmark
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Outcomes.Benchmarks -- start [--iterations 21] [--warmup 2] [--baseline <app root>]
        --baseline: also start the handler of another published app root (e.g. an earlier commit's scripts/publish.sh output), in the same run.
        """;
    private const double Goal = 1.5;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private sealed record App(string Name, string Executable);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Read(args) is not var (iterations, warmup, baseline))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;

        Console.Error.WriteLine("Publishing the handler with scripts/publish.sh, and the empty app the same way...");
        App[] apps =
        [
            new("handler", await PublishedApps.PublishHandlerAsync(PublishedApps.Folder("start", "handler"), ct)),
            new("empty app", await PublishedApps.PublishEmptyAppAsync(PublishedApps.Folder("start", "empty"), ct)),
        ];
        if (baseline is not null)
            apps = [.. apps, new("baseline handler", Path.Combine(Path.GetFullPath(baseline), "Outcomes.Functions"))];

        Console.Error.WriteLine("Starting Azurite (in memory)...");
        await using var azurite = await AzuriteProcess.StartAsync(BuiltHandler.RepoRoot, dataFolder: null, ct: ct);
        var prefix = "s" + Guid.NewGuid().ToString("N")[..6];
        var timings = apps.ToDictionary(a => a.Name, _ => new List<double>());
        var cpu = apps.ToDictionary(a => a.Name, _ => new List<double>());
        var loadAtStart = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        for (var i = -warmup; i < iterations; i++)
        {
            foreach (var app in i % 2 == 0 ? apps : apps.Reverse())   // A,B then B,A: position and noise hit both
            {
                var (ms, cpuMs) = await TimeStartAsync(app.Executable, azurite.ConnectionString, prefix, ct);
                if (i >= 0)
                {
                    timings[app.Name].Add(ms);
                    cpu[app.Name].Add(cpuMs);
                }
                Console.Error.WriteLine($"{(i < 0 ? "warm-up" : $"start {i + 1}/{iterations}")}: {app.Name} {ms:F0} ms ({cpuMs:F0} ms CPU)");
            }
        }

        var (handler, empty) = (Median(timings["handler"]), Median(timings["empty app"]));
        var ratio = handler / empty;
        Console.WriteLine();
        Console.WriteLine($"Start: process start to the first 200 on GET /api/health, {iterations} starts each, alternating, after {warmup} warm-up starts each");
        Console.WriteLine($"(self-contained, linux-x64, ReadyToRun; load average {loadAtStart} at the start, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end)");
        Console.WriteLine();
        Console.WriteLine("| app | median ms | min ms | p90 ms | median CPU ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var app in apps)
        {
            var t = timings[app.Name];
            Console.WriteLine($"| {app.Name} | {Median(t):F0} | {t.Min():F0} | {Percentile(t, 0.9):F0} | {Median(cpu[app.Name]):F0} |");
        }
        Console.WriteLine();
        Console.WriteLine($"ratio handler / empty app (medians): {ratio:F2} (goal: at most {Goal.ToString(CultureInfo.InvariantCulture)}) -> {(ratio <= Goal ? "met" : "NOT met")}; " +
                          $"in CPU time (user + system, to the first 200): {Median(cpu["handler"]) / Median(cpu["empty app"]):F2}");
        if (baseline is not null)
            Console.WriteLine($"ratio baseline handler / empty app (medians): {Median(timings["baseline handler"]) / empty:F2}; in CPU time: {Median(cpu["baseline handler"]) / Median(cpu["empty app"]):F2}");
        return 0;
    }

    /// <summary>Starts the app the way the Functions host starts a custom handler and polls its health until the first 200.</summary>
    private static async Task<(double Milliseconds, double CpuMilliseconds)> TimeStartAsync(string executable, string storage, string prefix, CancellationToken ct)
    {
        var port = HandlerProcess.FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in HandlerProcess.Settings(port, storage, prefix))
            start.Environment[name] = value;
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync("/api/health", ct);
                    if (response.StatusCode == HttpStatusCode.OK) return (clock.Elapsed.TotalMilliseconds, CpuMilliseconds(process.Id));
                }
                catch (HttpRequestException) { }   // not listening yet
                if (process.HasExited || clock.Elapsed > StartLimit)
                    throw new InvalidOperationException($"{executable} did not answer /api/health with 200 within {StartLimit.TotalSeconds:F0} s (exited: {process.HasExited}).");
                await Task.Delay(2, ct);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The CPU time (user and system, all threads) the process has used so far, from /proc/&lt;pid&gt;/stat.</summary>
    private static double CpuMilliseconds(int processId)
    {
        // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
        var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const double millisecondsPerTick = 10;   // USER_HZ: 100 on Linux
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * millisecondsPerTick;
    }

    private static (int Iterations, int Warmup, string? Baseline)? Read(string[] args)
    {
        var (iterations, warmup, baseline) = (21, 2, (string?)null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--baseline")
            {
                baseline = args[i + 1];
                if (!File.Exists(Path.Combine(baseline, "Outcomes.Functions"))) return null;
                continue;
            }
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            switch (args[i])
            {
                case "--iterations": iterations = n; break;
                case "--warmup": warmup = n; break;
                default: return null;
            }
        }
        return args.Length % 2 == 0 && iterations > 0 ? (iterations, warmup, baseline) : null;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var (low, high) = ((int)Math.Floor(rank), (int)Math.Ceiling(rank));
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
