using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outcomes.Functions;

/// <summary>
/// What the Functions host POSTs to /{FunctionName} for a non-proxied invocation: one <c>Data</c> entry per
/// trigger or input binding name, and the trigger's <c>Metadata</c> (functions-custom-handlers.md, "Request payload").
/// </summary>
public sealed record InvocationRequest(IReadOnlyDictionary<string, JsonElement> Data, IReadOnlyDictionary<string, JsonElement> Metadata)
{
    public string? MetadataString(string key) =>
        Metadata.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}

/// <summary>
/// The handler's answer to the host: <c>Outputs</c> one entry per output binding name (an array sends several
/// messages), <c>Logs</c> lines for the invocation log, <c>ReturnValue</c> for a <c>$return</c> binding.
/// </summary>
public sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue = null);

/// <summary>An HTTP response returned through an <c>http</c> output binding of a wrapped (not proxied) function.</summary>
public sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body);
