using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// The wrapped form of an HTTP invocation (an HTTP function with outputs besides its HTTP response): the request under
/// Data.{trigger} = {Url, Method, Query, Headers, Params, Body}, and the response read back from Outputs.{http output}.
/// </summary>
internal static class WrappedHttpInvocation
{
    public static async Task<(JsonObject Data, JsonObject Metadata)> BuildAsync(HttpContext context, FunctionDefinition function, TimeProvider clock)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
            // No token: a client that goes away ends the read through Kestrel itself; a read cancelled by the token could
            // still be in progress when Kestrel drains the body, which it then logs as an error.
            body = await ClientFaults.ReadingBodyAsync(() => reader.ReadToEndAsync(), context);

        var query = new JsonObject();
        foreach (var (name, values) in request.Query) query[name] = values.ToString();
        var headers = new JsonObject();
        var headerValues = new JsonObject();
        foreach (var (name, values) in request.Headers.Where(h => !h.Key.Equals(HandlerInvoker.InvocationIdHeader, StringComparison.OrdinalIgnoreCase)))
        {
            headers[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            headerValues[name] = values.ToString();
        }
        var routeValues = new JsonObject();
        foreach (var (name, value) in request.RouteValues)
            routeValues[name] = Convert.ToString(value, CultureInfo.InvariantCulture);

        var data = new JsonObject
        {
            [function.Trigger.Name] = new JsonObject
            {
                ["Url"] = request.GetEncodedUrl(),
                ["Method"] = request.Method,
                ["Query"] = query.ToJsonString(),   // a JSON string of the query object, as the custom handler docs show ("{}")
                ["Headers"] = headers,
                ["Params"] = routeValues.DeepClone(),
                ["Body"] = body,
            },
        };
        var metadata = (JsonObject)routeValues.DeepClone();
        metadata["Query"] = query.DeepClone();
        metadata["Headers"] = headerValues;
        metadata["sys"] = SystemMetadata.For(function.Name, clock);
        return (data, metadata);
    }

    /// <summary>Writes Outputs.{http output} = {statusCode, headers, body} as the response; 204 when the handler set none.</summary>
    public static async Task WriteResponseAsync(HttpContext context, FunctionDefinition function, JsonObject outputs)
    {
        var response = context.Response;
        if (function.HttpOutput is not { } output || outputs[output.Name] is not JsonObject http)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        response.StatusCode = http["statusCode"] switch
        {
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var n) => n,
            _ => StatusCodes.Status200OK,
        };
        if (http["headers"] is JsonObject headers)
            foreach (var (name, value) in headers)
                response.Headers[name] = value switch
                {
                    JsonArray values => values.Select(v => v?.ToString()).ToArray(),
                    null => default,
                    _ => value.ToString(),
                };
        var body = http["body"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            var json => json.ToJsonString(),
        };
        if (body is not null)
            await response.WriteAsync(body, context.RequestAborted);
    }
}
