using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OpenTelemetry.Trace;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The handler's spans, with telemetry on and an in-memory exporter behind the app's own processors: each invocation
/// continues the trace context the host sends (<c>traceparent</c>), wrapped or proxied, and a survey link's token
/// reaches no span.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private const string HostTrace = "0af7651916cd43dd8448eb211c80319c";
    private const string HostSpan = "b7ad6b7169203331";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "outcomes-traces-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ExportedSpans spans = new();
    private readonly OutcomesApp app;

    public TracingTests() => app = new OutcomesApp
    {
        ExtraSettings = new Dictionary<string, string> { [OutcomesTelemetry.FolderSetting] = folder },
        ExtraServices = s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)),
    };

    public Task InitializeAsync() => ((IAsyncLifetime)app).InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)app).DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private async Task<HttpResponseMessage> SendFromHostAsync(HttpMethod method, string path, JsonObject? payload = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = payload is null ? null : System.Net.Http.Json.JsonContent.Create(payload) };
        request.Headers.Add("traceparent", $"00-{HostTrace}-{HostSpan}-01");
        request.Headers.Add("X-Azure-Functions-InvocationId", "7d3c1f2a-0000-4000-8000-000000000001");
        return await app.Client.SendAsync(request);
    }

    /// <summary>The one server span of the route, once it has ended and been exported (after the response reached the client).</summary>
    private async Task<Activity> ServerSpanAsync(string route)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            // ActivitySource is process-wide: other tests' apps' spans reach this exporter too, in traces of their own.
            if (spans.Snapshot().Where(s => s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == HostTrace
                    && (string?)s.GetTagItem("http.route") == route).ToList() is [var one])
                return one;
            Assert.True(DateTime.UtcNow < until, $"No span of {route} was exported.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_wrapped_invocation_continues_the_hosts_trace_not_the_one_in_the_request_it_carries()
    {
        var procedureId = await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-22"));
        var token = app.TokenFor($"{procedureId}_1w");
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/surveys/{token}", new JsonObject { ["token"] = token }, """{"pain":4}""");
        payload["Data"]!["req"]!["Headers"]!["traceparent"] = new JsonArray("00-11111111111111111111111111111111-2222222222222222-01");

        var response = await SendFromHostAsync(HttpMethod.Post, "/SubmitSurveyResponse", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await ServerSpanAsync("/api/surveys/{token}");
        Assert.Equal((HostTrace, HostSpan), (span.TraceId.ToHexString(), span.ParentSpanId.ToHexString()));
        Assert.Equal("POST /api/surveys/{token}", span.DisplayName);
        Assert.Equal("/api/surveys/{token}", span.GetTagItem("url.path"));
        Assert.Equal("7d3c1f2a-0000-4000-8000-000000000001", span.GetTagItem(OutcomesTelemetry.InvocationIdTag));
        AssertNowhere(token);
    }

    [Fact]
    public async Task A_proxied_request_and_a_timer_run_continue_the_hosts_trace()
    {
        var procedureId = await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-22"));
        var token = app.TokenFor($"{procedureId}_1w");

        Assert.Equal(HttpStatusCode.OK, (await SendFromHostAsync(HttpMethod.Get, $"/api/surveys/{token}?lang=es")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendFromHostAsync(HttpMethod.Post, "/SendFollowUpSurveys", Invocations.Timer())).StatusCode);

        foreach (var route in new[] { "/api/surveys/{token}", "/SendFollowUpSurveys" })
        {
            var span = await ServerSpanAsync(route);
            Assert.Equal((HostTrace, HostSpan), (span.TraceId.ToHexString(), span.ParentSpanId.ToHexString()));
        }
        Assert.Null((await ServerSpanAsync("/api/surveys/{token}")).GetTagItem("url.query"));
        AssertNowhere(token);
        AssertNowhere("lang=es");
    }

    private void AssertNowhere(string value)
    {
        foreach (var span in spans.Snapshot())
        {
            Assert.DoesNotContain(value, span.DisplayName);
            Assert.All(span.TagObjects, t => Assert.DoesNotContain(value, t.Value?.ToString() ?? ""));
        }
    }
}
