using System.Text.Json;

namespace Outcomes.Functions;

/// <summary>
/// An HTTP request as the host wraps it under <c>Data.&lt;triggerName&gt;</c>: Url, Method, Query, Headers, Params
/// and Body, where the docs show Query and Body as JSON strings. Objects are accepted as well.
/// </summary>
internal sealed record HttpTriggerData(string Method, IReadOnlyDictionary<string, string> Params, JsonElement? Body, bool BodyIsMalformedJson)
{
    /// <summary>Request headers, first value of each (the docs show each header as an array of strings; a plain string is accepted).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as text, as sent (a form post is not JSON).</summary>
    public string RawBody { get; init; } = "";

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public static (HttpTriggerData? Request, string? Why) Read(JsonElement trigger)
    {
        if (trigger.ValueKind != JsonValueKind.Object)
            return (null, "The HTTP trigger data must be an object with Url, Method, Query, Headers, Params and Body.");
        var method = trigger.TryGetProperty("Method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (trigger.TryGetProperty("Params", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var param in p.EnumerateObject())
                routeValues[param.Name] = param.Value.ValueKind == JsonValueKind.String ? param.Value.GetString()! : param.Value.GetRawText();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (trigger.TryGetProperty("Headers", out var h) && h.ValueKind == JsonValueKind.Object)
            foreach (var header in h.EnumerateObject())
                headers[header.Name] = header.Value.ValueKind switch
                {
                    JsonValueKind.String => header.Value.GetString()!,
                    JsonValueKind.Array => header.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null) ?? "",
                    _ => "",
                };
        var raw = trigger.TryGetProperty("Body", out var b) ? b.ValueKind == JsonValueKind.String ? b.GetString()! : b.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? "" : b.GetRawText() : "";
        var (body, malformed) = ReadBody(trigger);
        return (new HttpTriggerData(method, routeValues, body, malformed) { Headers = headers, RawBody = raw }, null);
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
