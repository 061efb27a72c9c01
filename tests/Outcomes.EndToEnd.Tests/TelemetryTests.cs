using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// What the handler exports, read back from the folder its <c>Outcomes:Telemetry:Folder</c> setting names: the same
/// spans, logs and metrics its console and Application Insights exporters are given, after the same filtering. A whole
/// flow runs through a local host of its own (registration with a known e-mail address and phone, timer, invitation,
/// survey page, answer, report): the trace context the host sends is continued, the metrics count the flow, and none
/// of the flow's personal data appears anywhere in what was exported.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "outcomes-telemetry-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalHostProcess host = null!;

    public async Task InitializeAsync()
    {
        host = new LocalHostProcess(new Dictionary<string, string>
        {
            ["Outcomes__Telemetry__Folder"] = folder,
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_whole_flow_exports_continued_traces_and_its_counts_and_no_personal_data()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"telemetry-{run}@example.org";
        var phone = "+1555" + Random.Shared.Next(1_000_000, 9_999_999);
        var patientRef = $"TEL-{run}";
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Telemetry");
        // The clinic's own settings, which its patients' pages and e-mails show, are personal data of its staff's too.
        var alertEmail = $"alerts-{run}@clinic.example.org";
        var clinicPhone = "+4930" + Random.Shared.Next(10_000_000, 99_999_999);
        using (var settings = new HttpRequestMessage(HttpMethod.Patch, $"/api/clinics/{clinic.ClinicId}"))
        {
            settings.Content = new StringContent($$"""{"alertEmail": "{{alertEmail}}", "phone": "{{clinicPhone}}"}""", System.Text.Encoding.UTF8);
            settings.Content.Headers.ContentType = new("application/merge-patch+json");
            settings.Headers.Authorization = new("Bearer", clinic.ApiKey);
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(settings)).StatusCode);
        }
        await host.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey, null, HttpStatusCode.OK);
        var procedureId = await clinic.RegisterAsync(host, patientRef, clinic.Today.AddDays(-7), email, phone: phone);

        await host.RunTimerAsync();
        var link = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count == 1, Patience, "the invitation"))[0].SurveyLink;
        var token = link.Segments[^1];

        var (pageTrace, pageSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        using (var page = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery))
        {
            page.Headers.Add("traceparent", $"00-{pageTrace}-{pageSpan}-01");
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(page)).StatusCode);
        }
        var (answerTrace, answerSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        using (var answer = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery))
        {
            answer.Content = JsonContent.Create(new
            {
                pain = 3, medications = new[] { "weak_opioid" }, opioid = new { name = "tramadol", dailyDose = 137.5 }, newFracture = "no",
            });
            answer.Headers.Add("traceparent", $"00-{answerTrace}-{answerSpan}-01");
            Assert.Equal(HttpStatusCode.Accepted, (await host.Client.SendAsync(answer)).StatusCode);
        }
        await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count == 1, Patience, "the answer stored");
        await host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey, null, HttpStatusCode.OK);

        var exported = await Storage.EventuallyAsync(() => Task.FromResult(Exported.Read(folder)),
            e => e.Sum("outcomes.invitations.sent") >= 1 && e.Sum("outcomes.answers.recorded") >= 1 && e.Count("outcomes.report.duration") >= 1
                 && e.Server("/RecordSurveyResponse").Count >= 1 && e.Server("/api/reports/outcomes").Count >= 1,
            Patience, "the flow's spans and metrics exported");

        // The handler continues the trace context the host sent: the host's own span in the caller's trace.
        var shown = Assert.Single(exported.Server("/api/surveys/{token}"), s => s["tags"]!["http.request.method"]!.GetValue<string>() == "GET");
        Assert.Equal(pageTrace.ToHexString(), shown["traceId"]!.GetValue<string>());
        Assert.NotEqual(pageSpan.ToHexString(), shown["parentSpanId"]!.GetValue<string>());
        Assert.NotEqual(default(ActivitySpanId).ToHexString(), shown["parentSpanId"]!.GetValue<string>());
        var submitted = Assert.Single(exported.Server("/api/surveys/{token}"), s => s["tags"]!["http.request.method"]!.GetValue<string>() == "POST");
        Assert.Equal(answerTrace.ToHexString(), submitted["traceId"]!.GetValue<string>());
        Assert.Equal("POST /api/surveys/{token}", submitted["name"]!.GetValue<string>());
        // ...and through the queues: a message's delivery is in the trace of the invocation that sent it.
        Assert.Contains(exported.Server("/RecordSurveyResponse"), s => s["traceId"]!.GetValue<string>() == answerTrace.ToHexString());
        var timerTrace = Assert.Single(exported.Server("/SendFollowUpSurveys"))["traceId"]!.GetValue<string>();
        Assert.Contains(exported.Server("/DeliverSurveyInvitation"), s => s["traceId"]!.GetValue<string>() == timerTrace);
        Assert.Contains(exported.Logs, l => l["category"]!.GetValue<string>() == "Microsoft.Hosting.Lifetime");
        Assert.Contains(exported.Metrics, m => m["name"]!.GetValue<string>() == "outcomes.invitations.sent" && m["tags"]!["outcomes.channel"]!.GetValue<string>() == "email");

        string[] personal = [email, phone, phone.TrimStart('+'), alertEmail, clinicPhone, clinicPhone.TrimStart('+'), patientRef, token, .. token.Split('.').Where(p => p.Length >= 16),
            LocalHostProcess.AdminKey, clinic.ApiKey, "tramadol", "137.5", "weak_opioid"];
        foreach (var (file, text) in exported.Files)
            foreach (var value in personal)
                Assert.False(text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{Path.GetFileName(file)} holds '{value}'.");
    }

    /// <summary>The lines of the folder's files, whole lines only (a line being written is read next time).</summary>
    private sealed record Exported(IReadOnlyList<(string File, string Text)> Files, List<JsonObject> Spans, List<JsonObject> Logs, List<JsonObject> Metrics)
    {
        public static Exported Read(string folder)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").Select(f => (f, File.ReadAllText(f))).ToList() : [];
            List<JsonObject> Of(string signal) => files.Where(f => Path.GetFileName(f.f).StartsWith(signal + "-", StringComparison.Ordinal))
                .SelectMany(f => f.Item2.Split('\n')).Select(Parse).OfType<JsonObject>().ToList();
            return new(files, Of("spans"), Of("logs"), Of("metrics"));
        }

        public List<JsonObject> Server(string route) => Spans.Where(s => s["kind"]!.GetValue<string>() == "Server"
            && s["tags"]?["http.route"]?.GetValue<string>() == route).ToList();

        /// <summary>The latest cumulative sum of a counter, over all its tag sets.</summary>
        public double Sum(string metric) => Latest(metric).Sum(m => m["value"]?.GetValue<double>() ?? 0);

        public double Count(string metric) => Latest(metric).Sum(m => m["count"]?.GetValue<double>() ?? 0);

        private IEnumerable<JsonObject> Latest(string metric) => Metrics.Where(m => m["name"]!.GetValue<string>() == metric)
            .GroupBy(m => m["tags"]!.ToJsonString()).Select(g => g.Last());

        private static JsonObject? Parse(string line)
        {
            try { return line.Length == 0 ? null : JsonNode.Parse(line) as JsonObject; }
            catch (JsonException) { return null; }
        }
    }
}
