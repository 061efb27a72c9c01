using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace Outcomes.Functions;

/// <summary>Every span as exported: names, ids, kind, status, tags and events with theirs.</summary>
internal sealed class JsonLinesSpanExporter(TelemetryFolder folder) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var lines = new List<string>();
        foreach (var activity in batch)
            lines.Add(TelemetryFolder.Line(json =>
            {
                json.WriteString("name", activity.DisplayName);
                json.WriteString("operation", activity.OperationName);
                json.WriteString("source", activity.Source.Name);
                json.WriteString("kind", activity.Kind.ToString());
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
                json.WriteString("parentSpanId", activity.ParentSpanId.ToHexString());
                json.WriteString("status", activity.Status.ToString());
                json.WriteString("statusDescription", activity.StatusDescription);
                TelemetryFolder.WriteTags(json, "tags", activity.TagObjects);
                json.WriteStartArray("events");
                foreach (var e in activity.Events)
                {
                    json.WriteStartObject();
                    json.WriteString("name", e.Name);
                    TelemetryFolder.WriteTags(json, "tags", e.Tags);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }));
        folder.Append(lines);
        return ExportResult.Success;
    }
}

/// <summary>Every log record as exported: category, level, template, formatted message, attributes, scopes, exception.</summary>
internal sealed class JsonLinesLogExporter(TelemetryFolder folder) : BaseExporter<LogRecord>
{
    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        var lines = new List<string>();
        foreach (var record in batch)
        {
            var scopes = new List<KeyValuePair<string, object?>>();
            record.ForEachScope((scope, list) => { foreach (var item in scope) list.Add(item); }, scopes);
            lines.Add(TelemetryFolder.Line(json =>
            {
                json.WriteString("category", record.CategoryName);
                json.WriteString("level", record.LogLevel.ToString());
                json.WriteString("body", record.Body);
                json.WriteString("formattedMessage", record.FormattedMessage);
                json.WriteString("traceId", record.TraceId.ToHexString());
                json.WriteString("spanId", record.SpanId.ToHexString());
                TelemetryFolder.WriteTags(json, "attributes", record.Attributes ?? []);
                TelemetryFolder.WriteTags(json, "scopes", scopes);
                json.WriteString("exception", record.Exception?.ToString());
            }));
        }
        folder.Append(lines);
        return ExportResult.Success;
    }
}

/// <summary>Every metric point as exported: name, unit, tags and value (a sum, a gauge, or a histogram's count and sum).</summary>
internal sealed class JsonLinesMetricExporter(TelemetryFolder folder) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        var lines = new List<string>();
        foreach (var metric in batch)
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new List<KeyValuePair<string, object?>>();
                foreach (var tag in point.Tags)
                    tags.Add(tag);
                var (name, unit, type) = (metric.Name, metric.Unit, metric.MetricType);
                (double Value, long? Count) measured = type switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => (point.GetSumLong(), null),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => (point.GetSumDouble(), null),
                    MetricType.LongGauge => (point.GetGaugeLastValueLong(), null),
                    MetricType.DoubleGauge => (point.GetGaugeLastValueDouble(), null),
                    MetricType.Histogram => (point.GetHistogramSum(), point.GetHistogramCount()),
                    _ => (double.NaN, null),
                };
                lines.Add(TelemetryFolder.Line(json =>
                {
                    json.WriteString("name", name);
                    json.WriteString("unit", unit);
                    json.WriteString("type", type.ToString());
                    TelemetryFolder.WriteTags(json, "tags", tags);
                    if (double.IsFinite(measured.Value)) json.WriteNumber("value", measured.Value);
                    if (measured.Count is { } n) json.WriteNumber("count", n);
                }));
            }
        folder.Append(lines);
        return ExportResult.Success;
    }
}
