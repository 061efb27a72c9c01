using System.Text.Json;

namespace Outcomes.Functions;

/// <summary>
/// An HTTP request as the host wraps it under <c>Data.&lt;triggerName&gt;</c>: Url, Method, Query, Headers, Params
/// and Body, where the docs show Query and Body as JSON strings. Objects are accepted as well.
/// </summary>
internal sealed record HttpTriggerData(string Method, IReadOnlyDictionary<string, string> Params, JsonElement? Body, bool BodyIsMalformedJson)
{
    public static (HttpTriggerData? Request, string? Why) Read(JsonElement trigger)
    {
        if (trigger.ValueKind != JsonValueKind.Object)
            return (null, "The HTTP trigger data must be an object with Url, Method, Query, Headers, Params and Body.");
        var method = trigger.TryGetProperty("Method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (trigger.TryGetProperty("Params", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var param in p.EnumerateObject())
                routeValues[param.Name] = param.Value.ValueKind == JsonValueKind.String ? param.Value.GetString()! : param.Value.GetRawText();
        var (body, malformed) = ReadBody(trigger);
        return (new HttpTriggerData(method, routeValues, body, malformed), null);
    }

    /// <summary>The body as JSON; null when absent, empty or not JSON (then flagged as malformed).</summary>
    private static (JsonElement? Body, bool Malformed) ReadBody(JsonElement trigger)
    {
        if (!trigger.TryGetProperty("Body", out var body) || body.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return (null, false);
        if (body.ValueKind != JsonValueKind.String)
            return (body.Clone(), false);
        var text = body.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
            return (null, false);
        try
        {
            using var parsed = JsonDocument.Parse(text);
            return (parsed.RootElement.Clone(), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }
}
