using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Invocation;

/// <summary>
/// The W3C trace context the host sends with each call to the handler (<c>traceparent</c>), as the Functions host's own
/// HTTP client does for the invocation it runs: a span of the host's in the caller's trace, so the handler's work
/// continues it. The caller's context is the request's <c>traceparent</c> for an HTTP function, and for a Service Bus
/// message its <c>Diagnostic-Id</c> application property (what <c>Azure.Messaging.ServiceBus</c> stamps on a message it
/// sends); a timer run starts a trace of its own.
/// </summary>
internal static class InvocationTrace
{
    public const string Header = "traceparent";
    public const string MessageProperty = "Diagnostic-Id";

    /// <summary>A traceparent for the host's span: in <paramref name="parent"/>'s trace when that is a valid one, else a new trace.</summary>
    public static string Continue(string? parent)
    {
        var continued = ActivityContext.TryParse(parent, null, out var context);
        var trace = continued ? context.TraceId : ActivityTraceId.CreateRandom();
        var sampled = !continued || context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded);
        return $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-{(sampled ? "01" : "00")}";
    }

    /// <summary>The caller's context an invocation's metadata carries: an HTTP request's header, or a message's property.</summary>
    public static string? ParentIn(JsonObject metadata) =>
        Text(Property(metadata["Headers"] as JsonObject, Header)) ?? Text(Property(metadata["ApplicationProperties"] as JsonObject, MessageProperty));

    private static JsonNode? Property(JsonObject? values, string name) =>
        values?.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
