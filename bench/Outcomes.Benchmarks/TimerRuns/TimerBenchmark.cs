using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outcomes.Benchmarks.Ingest;
using Outcomes.LocalHost.Storage;

namespace Outcomes.Benchmarks.TimerRuns;

/// <summary>
/// The timer benchmark (<c>timer</c>): one <c>SendFollowUpSurveys</c> run with 100 follow-ups due, in three apps side by
/// side on one Azurite, each behind its own counting proxy: among 1,000 registered procedures, among 10,000, and among
/// 1,000 plus 1,000 follow-ups already invited and waiting for an answer. The registered ones were invited and answered
/// (what stays in the due index is their later follow-ups); the waiting ones were invited and their messages delivered.
/// Each round registers 100 new procedures due today in every app and times one run of each, in alternating order; the
/// ratios of Table requests and of time to the first app say whether a run's cost follows what is due or what is stored.
/// </summary>
internal static class TimerBenchmark
{
    private const int Due = 100;

    private sealed record App(string Name, HandlerProcess Handler, TableRequestCounts Counts, CountingTableProxy Proxy, string ClinicKey)
    {
        public int Registered;
        public readonly List<(double Seconds, int Requests)> Runs = [];
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (rounds, small, large) = (7, 1_000, 10_000);
        if (!BenchmarkArgs.TryRead(args, new Dictionary<string, Action<int>>
            {
                ["--rounds"] = n => rounds = n, ["--registered"] = n => small = n, ["--many"] = n => large = n,
            }))
            return Usage();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;
        Console.Error.WriteLine($"Starting Azurite (in memory), three counting proxies and three {BuiltHandler.Configuration} handlers...");
        await using var azurite = await AzuriteProcess.StartAsync(BuiltHandler.RepoRoot, dataFolder: null, ct: ct);
        var (zone, localToday) = IngestCohort.DaytimeZone(DateTimeOffset.UtcNow);   // its daytime lasts the whole benchmark

        var apps = new List<App>();
        try
        {
            foreach (var name in new[] { $"{small:N0} registered", $"{large:N0} registered", $"{small:N0} registered + {small:N0} waiting" })
            {
                var prefix = "t" + Guid.NewGuid().ToString("N")[..6];
                var counts = new TableRequestCounts(prefix);
                var proxy = new CountingTableProxy(azurite.TablePort, counts);
                var handler = await HandlerProcess.StartAsync(BuiltHandler.Path, AzuriteProcess.ConnectionStringFor(azurite.BlobPort, azurite.QueuePort, proxy.Port), prefix, ct);
                var (_, key) = await handler.CreateClinicAsync("Timer clinic", zone, ct);
                apps.Add(new App(name, handler, counts, proxy, key));
            }
            var setup = Stopwatch.StartNew();
            await AnsweredAsync(apps[0], small, localToday, ct);
            await AnsweredAsync(apps[1], large, localToday, ct);
            await AnsweredAsync(apps[2], small, localToday, ct);
            await WaitingAsync(apps[2], small, localToday, ct);
            Console.Error.WriteLine($"Set up in {setup.Elapsed.TotalSeconds:F0} s.");

            for (var round = 0; round < rounds; round++)
            {
                foreach (var app in apps)
                    await RegisterAsync(app, Due, localToday, ct);
                foreach (var app in round % 2 == 0 ? apps : Enumerable.Reverse(apps))
                {
                    await app.Counts.QuietAsync(TimeSpan.FromMilliseconds(300));
                    var before = app.Counts.Total;
                    app.Counts.Recording = true;
                    var clock = Stopwatch.StartNew();
                    var (outputs, logs) = await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
                    clock.Stop();
                    app.Counts.Recording = false;
                    var invitations = outputs["invitations"]?.AsArray().Count ?? 0;
                    if (invitations != Due)
                        throw new InvalidOperationException($"{app.Name}: the run sent {invitations} invitations for {Due} follow-ups due: {string.Join(" ", logs)}");
                    app.Runs.Add((clock.Elapsed.TotalSeconds, app.Counts.Total - before));
                    await DeliverAsync(app, outputs, ct);   // the new ones wait for an answer like the others
                }
                Console.Error.WriteLine($"Round {round + 1}/{rounds}: " + string.Join("; ", apps.Select(a => $"{a.Name}: {a.Runs[^1].Requests} requests, {a.Runs[^1].Seconds:F2} s")));
                foreach (var app in apps)   // the run after a delivery puts the invited ones off to their reminder: not part of the timing
                    await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
            }
            Print(apps, rounds);
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
        Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Outcomes.Benchmarks -- timer [--rounds 7] [--registered 1000] [--many 10000]");
        return 2;
    }

    private static void Print(List<App> apps, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine($"Timer benchmark: one SendFollowUpSurveys run with {Due} follow-ups due, median of {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd}, " +
                          $"load average (1 min) {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}");
        Console.WriteLine();
        Console.WriteLine("| app | Table requests per run | ratio | seconds per run | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var (baseRequests, baseSeconds) = (BenchmarkArgs.Median(apps[0].Runs.Select(r => (double)r.Requests)), BenchmarkArgs.Median(apps[0].Runs.Select(r => r.Seconds)));
        foreach (var app in apps)
        {
            var (requests, seconds) = (BenchmarkArgs.Median(app.Runs.Select(r => (double)r.Requests)), BenchmarkArgs.Median(app.Runs.Select(r => r.Seconds)));
            Console.WriteLine($"| {app.Name} | {requests:N0} | {requests / baseRequests:F2} | {seconds:F3} | {seconds / baseSeconds:F2} |");
        }
        Console.WriteLine();
        Console.WriteLine("Goal: a ratio of at most 1.2 in Table requests and in time.");
        Console.WriteLine();
        Console.WriteLine("Where the time goes: every measured run's Table requests by kind, with Azurite's mean time for each (as the proxies saw it).");
        Console.WriteLine();
        TableRequestCounts.PrintByKind([.. apps.Select(a => (a.Name, a.Counts))]);
    }

    /// <summary>
    /// Procedures whose one-week survey was invited and answered: what stays of them in the due index is their later
    /// follow-ups. In batches of 1,000, so that no one timer run of the set-up invites more than that.
    /// </summary>
    private static async Task AnsweredAsync(App app, int count, DateOnly localToday, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count; done += 1_000)
        {
            await RegisterAsync(app, Math.Min(1_000, count - done), localToday, ct);
            var (outputs, _) = await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
            var invitations = outputs["invitations"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            await Concurrently.RunAsync(invitations.Count, 8, async i =>
            {
                var (mail, _) = await app.Handler.Client.InvokeAsync("DeliverSurveyInvitation",
                    InvocationPayloads.ServiceBus("DeliverSurveyInvitation", "invitation", invitations[i], Guid.NewGuid().ToString("N")), ct);
                var token = IngestCohort.SurveyToken(mail.ToJsonString())
                    ?? throw new InvalidOperationException($"No survey link in an invitation: {mail.ToJsonString()}");
                var (submitted, _) = await app.Handler.Client.InvokeAsync("SubmitSurveyResponse", InvocationPayloads.Http("SubmitSurveyResponse", "POST",
                    $"http://localhost:7071/api/surveys/{token}", new JsonObject { ["token"] = token }, """{"pain": 3, "medications": ["none"]}"""), ct);
                var message = submitted["response"]!.GetValue<string>();
                await app.Handler.Client.InvokeAsync("RecordSurveyResponse",
                    InvocationPayloads.ServiceBus("RecordSurveyResponse", "response", message, Guid.NewGuid().ToString("N")), ct);
            });
            await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);   // retires the answered ones
            Console.Error.WriteLine($"{app.Name}: {Math.Min(done + 1_000, count):N0} of {count:N0} procedures registered, invited and answered ({clock.Elapsed.TotalSeconds:F0} s).");
        }
    }

    /// <summary>Procedures whose one-week survey was invited, its message delivered, and no answer yet.</summary>
    private static async Task WaitingAsync(App app, int count, DateOnly localToday, CancellationToken ct)
    {
        await RegisterAsync(app, count, localToday, ct);
        var (outputs, _) = await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
        await DeliverAsync(app, outputs, ct);
        await app.Handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
        Console.Error.WriteLine($"{app.Name}: {count:N0} more invited and waiting for an answer.");
    }

    private static async Task DeliverAsync(App app, JsonObject outputs, CancellationToken ct)
    {
        var invitations = outputs["invitations"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
        await Concurrently.RunAsync(invitations.Count, 8, i => app.Handler.Client.InvokeAsync("DeliverSurveyInvitation",
            InvocationPayloads.ServiceBus("DeliverSurveyInvitation", "invitation", invitations[i], Guid.NewGuid().ToString("N")), ct));
    }

    /// <summary>Registers procedures whose one-week survey is due today (each its own patient), through the API.</summary>
    private static async Task RegisterAsync(App app, int count, DateOnly localToday, CancellationToken ct)
    {
        var first = app.Registered;
        app.Registered += count;
        await Concurrently.RunAsync(count, 8, async i =>
        {
            var body = new JsonObject
            {
                ["patientRef"] = $"TIM-{first + i:D6}",
                ["contact"] = new JsonObject { ["email"] = $"patient{first + i}@example.org", ["language"] = "en" },
                ["procedureType"] = "vertebroplasty",
                ["procedureDate"] = localToday.AddDays(-7 - (first + i) % 10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["levels"] = new JsonArray("L1"),
                ["etiology"] = "osteoporotic",
                ["baseline"] = new JsonObject { ["pain"] = 7, ["medications"] = new JsonArray("paracetamol") },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/procedures") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.ClinicKey);
            using var response = await app.Handler.Client.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST /api/procedures answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        });
    }
}
