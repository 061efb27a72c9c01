using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

/// <summary>
/// Invocation payloads in the shapes Microsoft documents (functions-custom-handlers.md, the Service Bus trigger and
/// timer pages), written out here rather than taken from the local host, so the handler is held to the docs.
/// </summary>
internal static class Invocations
{
    public static JsonObject Sys(string method) => new()
    {
        ["MethodName"] = method, ["UtcNow"] = "2026-03-01T09:00:00.1234567Z", ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    public static JsonObject Timer(bool pastDue = false) => new()
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject
                {
                    ["Last"] = "2026-03-01T08:00:00+00:00", ["Next"] = "2026-03-01T10:00:00+00:00", ["LastUpdated"] = "2026-03-01T08:00:00+00:00",
                },
                ["IsPastDue"] = pastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys("SendFollowUpSurveys") },
    };

    /// <summary>A Service Bus delivery: the message text as a JSON string under Data, the message's metadata beside it.</summary>
    public static JsonObject ServiceBus(string bindingName, string messageText, string messageId, int deliveryCount = 1) => new()
    {
        ["Data"] = new JsonObject { [bindingName] = messageText },
        ["Metadata"] = new JsonObject
        {
            ["MessageId"] = messageId,
            ["DeliveryCount"] = deliveryCount,
            ["EnqueuedTimeUtc"] = "2026-03-01T09:00:00Z",
            ["ExpiresAtUtc"] = "2026-03-15T09:00:00Z",
            ["ContentType"] = "application/json",
            ["CorrelationId"] = null,
            ["ApplicationProperties"] = new JsonObject(),
            ["sys"] = Sys("RecordSurveyResponse"),
        },
    };

    /// <summary>An HTTP request wrapped by the host: Url, Method, Query and Body as the docs show them (strings).</summary>
    public static JsonObject Http(string method, string url, JsonObject routeValues, string? body) => new()
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
        ["Metadata"] = new JsonObject { ["sys"] = Sys("SubmitSurveyResponse") },
    };

    public static string ResponseMessage(int pain, string surveyLink = "a1b2c3") => JsonSerializer.Serialize(new
    {
        responseId = Guid.NewGuid(), surveyLink, answers = new { pain }, submittedAt = "2026-03-01T08:59:00+00:00",
    });

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, JsonObject payload) =>
        client.PostAsJsonAsync(path, payload);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
