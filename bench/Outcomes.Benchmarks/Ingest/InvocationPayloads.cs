using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>
/// What the Functions host POSTs to the handler for a non-HTTP trigger or a wrapped HTTP function (Data and Metadata), in the
/// shapes Microsoft documents and the handler's contract tests use (tests/Outcomes.Functions.Tests/Invocations.cs).
/// </summary>
internal static class InvocationPayloads
{
    /// <summary>Invokes a function as the host does (<c>POST /{Function}</c>) and returns its <c>Outputs</c> and <c>Logs</c>.</summary>
    public static async Task<(JsonObject Outputs, IReadOnlyList<string> Logs)> InvokeAsync(this HttpClient handler, string function, JsonObject payload, CancellationToken ct)
    {
        using var response = await handler.PostAsJsonAsync("/" + function, payload, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{function} answered {(int)response.StatusCode}: {text}");
        var result = JsonNode.Parse(text)!.AsObject();
        return (result["Outputs"]?.AsObject() ?? [], result["Logs"]?.AsArray().Select(l => l!.GetValue<string>()).ToList() ?? []);
    }

    public static JsonObject Timer() => new()
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject { ["Last"] = Now(-1), ["Next"] = Now(1), ["LastUpdated"] = Now(-1) },
                ["IsPastDue"] = false,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys("SendFollowUpSurveys") },
    };

    /// <summary>A Service Bus delivery: the message text as a JSON string under Data, the message's metadata beside it.</summary>
    public static JsonObject ServiceBus(string function, string bindingName, string messageText, string messageId) => new()
    {
        ["Data"] = new JsonObject { [bindingName] = messageText },
        ["Metadata"] = new JsonObject
        {
            ["MessageId"] = messageId,
            ["DeliveryCount"] = 1,
            ["EnqueuedTimeUtc"] = Now(0),
            ["ExpiresAtUtc"] = Now(24 * 14),
            ["ContentType"] = "application/json",
            ["CorrelationId"] = null,
            ["ApplicationProperties"] = new JsonObject(),
            ["sys"] = Sys(function),
        },
    };

    /// <summary>An HTTP request wrapped by the host (an HTTP function with another output): Url, Method, Query, Headers, Params, Body.</summary>
    public static JsonObject Http(string function, string method, string url, JsonObject routeValues, string body) => new()
    {
        ["Data"] = new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = url,
                ["Method"] = method,
                ["Query"] = "{}",
                ["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json") },
                ["Params"] = routeValues,
                ["Body"] = body,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys(function) },
    };

    private static JsonObject Sys(string method) => new()
    {
        ["MethodName"] = method, ["UtcNow"] = Now(0), ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static string Now(int hours) => DateTimeOffset.UtcNow.AddHours(hours).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
