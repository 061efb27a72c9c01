using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Outcomes.Functions;

/// <summary>
/// The HTTP request a wrapped invocation carries under <c>Data.&lt;trigger&gt;</c>: <c>Url</c>, <c>Method</c>,
/// <c>Headers</c> (each an array of strings, or a string) and <c>Body</c> (a string, as the docs show it; an object
/// is taken as its JSON text), <c>Params</c> (the route values the host matched: the path is rebuilt from them) and the
/// query of <c>Url</c>. Routing then finds the endpoint exactly as for a proxied request.
/// </summary>
internal sealed record WrappedHttpRequest(string Method, PathString Path, QueryString Query, IReadOnlyDictionary<string, StringValues> Headers, byte[] Body)
{
    public static (WrappedHttpRequest? Request, string? Why) Read(JsonElement trigger, WrappedHttpFunction function)
    {
        if (trigger.ValueKind != JsonValueKind.Object)
            return (null, "The HTTP trigger data must be an object with Url, Method, Query, Headers, Params and Body.");
        try
        {
            if (String(trigger, "Method") is not { Length: > 0 } method)
                return (null, "The HTTP trigger data has no 'Method'.");
            var routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (trigger.TryGetProperty("Params", out var p) && p.ValueKind == JsonValueKind.Object)
                foreach (var param in p.EnumerateObject().Where(v => v.Value.ValueKind == JsonValueKind.String))
                    routeValues[param.Name] = param.Value.GetString()!;
            if (function.PathFor(routeValues) is not { } path)
                return (null, $"'Params' lacks a route value of {function.Name}'s route ({function.Route}).");
            var query = String(trigger, "Url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? QueryString.FromUriComponent(uri) : QueryString.Empty;
            var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            if (trigger.TryGetProperty("Headers", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var header in h.EnumerateObject())
                    headers[header.Name] = header.Value.ValueKind switch
                    {
                        JsonValueKind.String => new StringValues(header.Value.GetString()),
                        JsonValueKind.Array => new StringValues(header.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).ToArray()),
                        _ => StringValues.Empty,
                    };
            var body = trigger.TryGetProperty("Body", out var b) ? b.ValueKind switch
            {
                JsonValueKind.String => Encoding.UTF8.GetBytes(b.GetString()!),
                JsonValueKind.Null or JsonValueKind.Undefined => [],
                _ => Encoding.UTF8.GetBytes(b.GetRawText()),
            } : [];
            return (new WrappedHttpRequest(method.ToUpperInvariant(), path, query, headers, body), null);
        }
        catch (InvalidOperationException) // a string that is not valid UTF-16 (a lone surrogate escape)
        {
            return (null, "The HTTP trigger data holds a string that is not valid text.");
        }
    }

    /// <summary>Makes the invocation's own request this one, so routing, binding, auth and problems run as for any request.</summary>
    public void ApplyTo(HttpRequest request)
    {
        var invocationId = request.Headers[HostHeaders.InvocationId];
        request.Headers.Clear();
        foreach (var (name, values) in Headers)
            request.Headers[name] = values;
        request.Headers.Remove("Transfer-Encoding");
        if (!StringValues.IsNullOrEmpty(invocationId))
            request.Headers[HostHeaders.InvocationId] = invocationId;
        request.Method = Method;
        request.PathBase = PathString.Empty;
        request.Path = Path;
        request.QueryString = Query;
        request.Body = new MemoryStream(Body, writable: false);
        request.ContentLength = Body.Length;
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Headers the Functions host sets on every call to the handler.</summary>
internal static class HostHeaders
{
    public const string InvocationId = "X-Azure-Functions-InvocationId";
}
