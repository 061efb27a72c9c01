using System.Diagnostics;
using System.Net;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The handler as Azure runs it, with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set (here to an ingestion endpoint
/// nothing listens on, so nothing leaves the machine): it starts, serves, and its spans pass the same filter on the
/// Azure Monitor distro's pipeline (an in-memory exporter sits beside the distro's).
/// </summary>
public sealed class AzureMonitorWiringTests : IAsyncLifetime
{
    private readonly ExportedSpans spans = new();
    private readonly OutcomesApp app;

    public AzureMonitorWiringTests() => app = new OutcomesApp
    {
        ExtraSettings = new Dictionary<string, string>
        {
            [OutcomesTelemetry.AppInsightsSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/",
            ["Logging:OpenTelemetry:IncludeScopes"] = "true",   // what an app setting could ask for
        },
        ExtraServices = s => s
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
            // Every trace kept (the distro's default samples at a rate, and the process's other apps' requests count
            // against it: ActivitySource is process-wide), nothing kept on disk for a retry, no live metrics.
            .Configure<AzureMonitorOptions>(o => (o.TracesPerSecond, o.SamplingRatio, o.DisableOfflineStorage, o.EnableLiveMetrics) = (null, 1.0F, true, false)),
    };

    public Task InitializeAsync() => ((IAsyncLifetime)app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task With_application_insights_configured_the_handler_serves_and_its_request_spans_carry_the_route_not_the_token()
    {
        const string token = "eyJrIjoidGVzdCJ9.c2lnbmF0dXJlLW9mLXRoZS1saW5r";

        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/surveys/{token}");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);   // a forged link: the 404 page
        var until = DateTime.UtcNow.AddSeconds(10);
        Activity? span = null;
        while (span is null && DateTime.UtcNow < until)
        {
            span = spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == trace);   // not another test's app
            if (span is null) await Task.Delay(50);
        }
        Assert.NotNull(span);
        Assert.Equal("GET /api/surveys/{token}", span.DisplayName);
        Assert.Equal("/api/surveys/{token}", span.GetTagItem("url.path"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(token) == true);
    }

    [Fact]
    public void Logs_go_without_scopes_which_hold_the_request_path_even_when_a_setting_asks_for_them() =>
        Assert.False(app.Service<IOptions<OpenTelemetryLoggerOptions>>().Value.IncludeScopes);
}
