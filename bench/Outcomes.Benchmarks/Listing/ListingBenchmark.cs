using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.Benchmarks.Ingest;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;
using Outcomes.LocalHost.Storage;
using Outcomes.Storage;

namespace Outcomes.Benchmarks.Listing;

/// <summary>
/// The listing benchmark (<c>listing</c>): <c>GET /api/procedures</c> pages in two apps side by side on one Azurite, each
/// behind its own counting proxy, one clinic holding 1,000 procedures and one 10,000 (registered over the past 14 months,
/// so their follow-ups are pending, missed and due across the year). Each round asks every app for the same pages, in
/// alternating order; the ratios of Table requests and of time say whether a page costs what it shows or what is stored.
/// </summary>
internal static class ListingBenchmark
{
    private sealed record App(string Name, int Size, HandlerProcess Handler, TableRequestCounts Counts, CountingTableProxy Proxy, string ClinicKey)
    {
        public readonly Dictionary<string, List<(double Seconds, int Requests, int Listed)>> Pages = [];
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (rounds, small, large, pageSize) = (7, 1_000, 10_000, 50);
        if (!BenchmarkArgs.TryRead(args, new Dictionary<string, Action<int>>
            {
                ["--rounds"] = n => rounds = n, ["--registered"] = n => small = n, ["--many"] = n => large = n, ["--page-size"] = n => pageSize = n,
            }))
            return Usage();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;
        Console.Error.WriteLine($"Starting Azurite (in memory), two counting proxies and two {BuiltHandler.Configuration} handlers...");
        await using var azurite = await AzuriteProcess.StartAsync(BuiltHandler.RepoRoot, dataFolder: null, ct: ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var apps = new List<App>();
        try
        {
            foreach (var size in new[] { small, large })
            {
                var prefix = "l" + Guid.NewGuid().ToString("N")[..6];
                var contactKeys = HandlerProcess.Key();
                var counts = new TableRequestCounts(prefix);
                var proxy = new CountingTableProxy(azurite.TablePort, counts);
                var handler = await HandlerProcess.StartAsync(BuiltHandler.Path, AzuriteProcess.ConnectionStringFor(azurite.BlobPort, azurite.QueuePort, proxy.Port), prefix, ct, contactKeys);
                var (clinicId, key) = await handler.CreateClinicAsync("Listing clinic", "Europe/Amsterdam", ct);
                var app = new App($"{size:N0} procedures", size, handler, counts, proxy, key);
                apps.Add(app);
                await RegisterAsync(app, azurite.ConnectionString, prefix, contactKeys, clinicId, today, ct);
            }

            var dueWeek = $"dueFrom={today.AddDays(-7):yyyy-MM-dd}&dueTo={today:yyyy-MM-dd}";
            var pages = new (string Name, string Query, bool SecondPage)[]
            {
                ("every procedure, first page", "", false),
                ("every procedure, second page", "", true),
                ("pending 6m", "status=pending&timePoint=6m", false),
                ("missed, any time point, second page", "status=missed", true),
                ("due in the last week, any status", dueWeek, false),
                ("one patient", "patientRef=LST-000042", false),
            };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var app in round % 2 == 0 ? apps : Enumerable.Reverse(apps))
                    foreach (var (name, query, secondPage) in pages)
                    {
                        var path = $"/api/procedures?pageSize={pageSize}" + (query.Length > 0 ? "&" + query : "");
                        if (secondPage)
                            path = (await GetAsync(app, path, ct))["next"]?.GetValue<string>() ?? throw new InvalidOperationException($"{app.Name}: '{name}' has no second page.");
                        await app.Counts.QuietAsync(TimeSpan.FromMilliseconds(200));
                        var before = app.Counts.Total;
                        app.Counts.Recording = true;
                        var clock = Stopwatch.StartNew();
                        var page = await GetAsync(app, path, ct);
                        clock.Stop();
                        app.Counts.Recording = false;
                        var listed = page["procedures"]!.AsArray().Count;
                        (app.Pages.TryGetValue(name, out var runs) ? runs : app.Pages[name] = []).Add((clock.Elapsed.TotalSeconds, app.Counts.Total - before, listed));
                    }
                Console.Error.WriteLine($"Round {round + 1}/{rounds} done.");
            }
            Print(apps, pages.Select(p => p.Name).ToList(), rounds, pageSize);
            return 0;
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.Handler.DisposeAsync();
                await app.Proxy.DisposeAsync();
            }
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Outcomes.Benchmarks -- listing [--rounds 7] [--registered 1000] [--many 10000] [--page-size 50]");
        return 2;
    }

    private static async Task<JsonObject> GetAsync(App app, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", app.ClinicKey) } };
        using var response = await app.Handler.Client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonNode.Parse(body)!.AsObject()
            : throw new InvalidOperationException($"{app.Name}: GET {path} gave {(int)response.StatusCode}: {body}");
    }

    /// <summary>
    /// The clinic's procedures, written with the app's own storage library (what a registration writes, without the
    /// tallies, which a listing never reads) straight to Azurite: a date each over the past 14 months, one patient in ten
    /// with a second procedure.
    /// </summary>
    private static async Task RegisterAsync(App app, string storage, string prefix, string contactKeys, string clinicId, DateOnly today, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageSetup.ConnectionSetting] = storage, [StorageSetup.TablePrefixSetting] = prefix, ["Outcomes:ContactKeys"] = contactKeys,
        };
        await using var services = new ServiceCollection().AddOutcomesStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var store = services.GetRequiredService<IProcedureStore>();
        var clock = Stopwatch.StartNew();
        var level = VertebralLevel.All.Single(l => l.ToString() == "L1");
        var done = 0;
        await Concurrently.RunAsync(app.Size, 16, async i =>
        {
            var date = today.AddDays(-(i * 7919 % 425));
            var registration = new ProcedureRegistration($"LST-{(i % 10 == 9 ? i - 1 : i):D6}", new PatientContact($"patient{i}@example.org", null, "en"),
                i % 3 == 0 ? ProcedureType.Kyphoplasty : ProcedureType.Vertebroplasty, date, [level], Etiology.Osteoporotic,
                new Baseline(PainScore.From(5 + i % 5), [Medication.Paracetamol]), ProcedureDetails.None);
            var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), clinicId, registration, DateTimeOffset.UtcNow);
            await store.RegisterAsync(procedure, FollowUpSchedule.For(date, today), ct);
            if (Interlocked.Increment(ref done) % 1_000 == 0)
                Console.Error.WriteLine($"{app.Name}: {done:N0} of {app.Size:N0} registered ({clock.Elapsed.TotalSeconds:F0} s).");
        });
    }

    private static void Print(List<App> apps, List<string> pages, int rounds, int pageSize)
    {
        Console.WriteLine();
        Console.WriteLine($"Listing benchmark: GET /api/procedures, pages of {pageSize}, median of {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd}, " +
                          $"load average (1 min) {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}");
        Console.WriteLine();
        Console.WriteLine($"| page | listed | Table requests ({apps[0].Name}) | ({apps[1].Name}) | ratio | seconds ({apps[0].Name}) | ({apps[1].Name}) | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var page in pages)
        {
            var (a, b) = (apps[0].Pages[page], apps[1].Pages[page]);
            var (ra, rb) = (BenchmarkArgs.Median(a.Select(r => (double)r.Requests)), BenchmarkArgs.Median(b.Select(r => (double)r.Requests)));
            var (sa, sb) = (BenchmarkArgs.Median(a.Select(r => r.Seconds)), BenchmarkArgs.Median(b.Select(r => r.Seconds)));
            Console.WriteLine($"| {page} | {a[^1].Listed} / {b[^1].Listed} | {ra:N0} | {rb:N0} | {rb / ra:F2} | {sa:F3} | {sb:F3} | {sb / sa:F2} |");
        }
        Console.WriteLine();
        Console.WriteLine("Goal: a page's cost does not grow with the clinic's procedures (ratio at most 1.2 in Table requests and in time).");
        Console.WriteLine();
        Console.WriteLine("Where the time goes: every measured page's Table requests by kind, with Azurite's mean time for each (as the proxies saw it).");
        Console.WriteLine();
        TableRequestCounts.PrintByKind([.. apps.Select(a => (a.Name, a.Counts))]);
    }
}
