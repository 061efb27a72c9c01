using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Outcomes.Functions;

/// <summary>
/// Traces, logs and metrics through OpenTelemetry: to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set (Azure), to the console with <c>Outcomes:Telemetry:Console</c> (local runs), and as JSON lines to the folder
/// <c>Outcomes:Telemetry:Folder</c> names (what the end-to-end tests read). With none of them, nothing is collected.
/// Whatever the exporter, spans pass <see cref="PersonalDataFilter"/> first, and logs carry neither scopes (ASP.NET Core's
/// hold the request path, a survey link's token) nor the framework's request lines.
/// </summary>
internal static class OutcomesTelemetry
{
    public const string ConsoleSetting = "Outcomes:Telemetry:Console";
    public const string FolderSetting = "Outcomes:Telemetry:Folder";
    public const string AppInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string InvocationIdTag = "faas.invocation_id";

    public static void AddOutcomesTelemetry(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var appInsights = config[AppInsightsSetting] is { Length: > 0 };
        var console = config.GetValue<bool>(ConsoleSetting);
        var folder = config[FolderSetting] is { Length: > 0 } f ? f : null;
        if (appInsights || console || folder is not null)
            AddExporters(builder, appInsights, console, folder);
    }

    // Apart from the check above: a method that names OpenTelemetry's types loads their assemblies when it first runs,
    // and a handler with no exporter configured has no use for them (three assemblies less to load at start).
    private static void AddExporters(WebApplicationBuilder builder, bool appInsights, bool console, string? folder)
    {
        var config = builder.Configuration;
        // Categories whose information lines name request paths and storage keys: only their warnings are exported.
        foreach (var category in new[] { "Microsoft.AspNetCore", "System.Net.Http", "Azure" })
            builder.Logging.AddFilter<OpenTelemetryLoggerProvider>(category, LogLevel.Warning);
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(o => o.EnrichWithHttpRequest = (activity, request) =>
        {
            if (request.Headers[HostHeaders.InvocationId] is [{ Length: > 0 } id])
                activity.SetTag(InvocationIdTag, id);
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("Outcomes"))
            .WithTracing(t =>
            {
                t.AddProcessor(new PersonalDataFilter());   // first, so every exporter after it sees what it leaves
                if (!appInsights)
                    t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (console) t.AddConsoleExporter();
                if (folder is not null) t.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(TelemetryFolder.For(folder, "spans"))));
            })
            .WithMetrics(m =>
            {
                m.AddMeter(OutcomesMetrics.MeterName);
                if (!appInsights)
                    m.AddAspNetCoreInstrumentation();
                if (console) m.AddConsoleExporter();
                if (folder is not null)
                    m.AddReader(new PeriodicExportingMetricReader(new JsonLinesMetricExporter(TelemetryFolder.For(folder, "metrics")),
                        config.GetValue("OTEL_METRIC_EXPORT_INTERVAL", 60_000)));
            })
            .WithLogging(l =>
            {
                if (console) l.AddConsoleExporter();
                if (folder is not null) l.AddProcessor(new SimpleLogRecordExportProcessor(new JsonLinesLogExporter(TelemetryFolder.For(folder, "logs"))));
            });
        if (appInsights)
            otel.UseAzureMonitor();
        builder.Services.PostConfigure<OpenTelemetryLoggerOptions>(o => o.IncludeScopes = false);
    }
}
