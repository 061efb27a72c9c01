using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The follow-up pipeline driven the way the Functions host drives it: API calls, timer runs, queue deliveries.</summary>
internal static class Pipeline
{
    public static JsonObject Registration(string procedureDate, string patientRef = "NSC-0001", string? email = "patient.one@example.org",
        string? phone = null, string language = "en") => new()
    {
        ["patientRef"] = patientRef,
        ["contact"] = new JsonObject { ["email"] = email, ["phone"] = phone, ["language"] = language },
        ["procedureType"] = "vertebroplasty",
        ["procedureDate"] = procedureDate,
        ["levels"] = new JsonArray("L1"),
        ["etiology"] = "osteoporotic",
        ["baseline"] = new JsonObject { ["pain"] = 8, ["medications"] = new JsonArray("paracetamol") },
    };

    public static async Task<string> RegisterAsync(this OutcomesApp app, Access.RegisteredClinic clinic, JsonObject registration)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, registration.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObjectAsync())["procedureId"]!.GetValue<string>();
    }

    /// <summary>
    /// Runs the timer once and returns the invitation messages it sent, each delivered as the host would deliver it
    /// (unless <paramref name="deliver"/> is false: then they are only returned, as if the run's host died before sending).
    /// </summary>
    public static async Task<List<SurveyInvitationMessage>> RunTimerAsync(this OutcomesApp app, bool deliver = true)
    {
        var response = await app.Client.PostAsync("/SendFollowUpSurveys", Invocations.Timer());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!["invitations"]!.AsArray();
        var messages = outputs.Select(o => JsonSerializer.Deserialize<SurveyInvitationMessage>(o!.GetValue<string>())!).ToList();
        if (deliver)
            foreach (var message in messages)
                await app.DeliverAsync(message, Guid.NewGuid().ToString("N"));
        return messages;
    }

    /// <summary>Delivers a survey-invitations message with the given Service Bus message id; the handler's answer (outputs and logs).</summary>
    public static async Task<JsonObject> DeliverAsync(this OutcomesApp app, SurveyInvitationMessage message, string messageId)
    {
        var response = await app.Client.PostAsync("/DeliverSurveyInvitation", Invocations.ServiceBus("invitation", message.ToQueueText(), messageId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    public static Task<TrackedFollowUp?> FollowUpAsync(this OutcomesApp app, string procedureId, TimePoint timePoint) =>
        app.Service<IFollowUpStore>().GetAsync(new FollowUpId(procedureId, timePoint), CancellationToken.None);

    public static string TokenFor(this OutcomesApp app, string followUpId, DateTimeOffset? expiresAt = null) =>
        app.Service<SurveyLinks>().Issue(FollowUpId.TryParse(followUpId, out var id) ? id : throw new ArgumentException(followUpId),
            expiresAt ?? app.Clock.Now.AddDays(20));

    /// <summary>Submits answers through the wrapped survey route; returns the HTTP output and the queued message text, if any.</summary>
    public static async Task<(JsonObject Http, string? Message)> SubmitAsync(this OutcomesApp app, string token, string body, string contentType = "application/json")
    {
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/surveys/{token}", new JsonObject { ["token"] = token }, body);
        payload["Data"]!["req"]!["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray(contentType) };
        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        return (outputs["res"]!.AsObject(), outputs.TryGetPropertyValue("response", out var m) ? m!.GetValue<string>() : null);
    }

    public static async Task<HttpResponseMessage> DeliverResponseAsync(this OutcomesApp app, string messageText, string? messageId = null, int deliveryCount = 1) =>
        await app.Client.PostAsync("/RecordSurveyResponse", Invocations.ServiceBus("response", messageText, messageId ?? Guid.NewGuid().ToString("N"), deliveryCount));

    public static JsonNode? Body(this JsonObject http) => JsonNode.Parse(http["body"]!.GetValue<string>());

    public static int Status(this JsonObject http) => http["statusCode"]!.GetValue<int>();
}
