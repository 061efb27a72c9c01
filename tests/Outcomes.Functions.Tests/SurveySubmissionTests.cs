using System.Text.Json.Nodes;
using System.Text.Json;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests;

/// <summary>POST /api/surveys/{token} as JSON, called wrapped as the host calls it; the clock says 2026-03-01 10:00 in Amsterdam.</summary>
public sealed class SurveySubmissionTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<string> InvitedFollowUpAsync()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22"));
        return $"{procedureId}_1w";
    }

    [Fact]
    public async Task Answers_get_202_and_one_message_carrying_ids_and_sealed_answers_only()
    {
        var followUp = await InvitedFollowUpAsync();
        var token = app.TokenFor(followUp);

        var (http, message) = await app.SubmitAsync(token, """{"pain": 4, "medications": ["weak_opioid"], "opioid": {"name": "tramadol", "dailyDose": 100}, "newFracture": "no"}""");

        Assert.Equal(202, http.Status());
        Assert.NotNull(message);
        Assert.DoesNotContain(token, message);
        Assert.DoesNotContain("tramadol", message);
        Assert.DoesNotContain("pain", message);
        var queued = JsonSerializer.Deserialize<SurveyResponseMessage>(message)!;
        Assert.Equal(followUp, queued.FollowUpId);
        Assert.Equal(new DateOnly(2026, 3, 1), queued.AnsweredOn);
        Assert.Equal(SurveyResponseMessage.ReferenceTo(token), queued.Source.Id);
        Assert.Equal(queued.ResponseId.ToString(), http.Body()!["responseId"]!.GetValue<string>());
        var (_, _, answers, why) = SurveyResponseMessage.Read(JsonSerializer.SerializeToElement(message), app.Service<Outcomes.Storage.ContactCipher>());
        Assert.Null(why);
        Assert.Equal(4, answers!.Pain.Value);
        Assert.Equal(100m, answers.Opioid!.DailyDose);
    }

    [Theory]
    [InlineData("{\"pain\":11}", "pain")]
    [InlineData("{\"pain\":-1}", "pain")]
    [InlineData("{\"pain\":\"seven\"}", "pain")]
    [InlineData("{\"mood\":3}", "pain")]
    [InlineData("{\"pain\":3,\"medications\":[\"aspirin\"]}", "medications[0]")]
    [InlineData("{\"pain\":3,\"newFracture\":\"maybe\"}", "newFracture")]
    [InlineData("[4]", null, "malformed-json")]
    [InlineData("", null, "missing-body")]
    [InlineData("{\"pain\": ", null, "malformed-json")]
    public async Task Bad_answers_get_a_400_problem_naming_the_field_and_queue_nothing(string body, string? field, string? code = null)
    {
        var (http, message) = await app.SubmitAsync(app.TokenFor(await InvitedFollowUpAsync()), body);

        Assert.Null(message);
        Assert.Equal(400, http.Status());
        Assert.StartsWith("application/problem+json", http["headers"]!["Content-Type"]!.GetValue<string>());
        var problem = http.Body()!;
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        if (code is not null) Assert.Equal(code, problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tampered_or_unknown_link_is_a_404_and_an_expired_one_a_410()
    {
        var followUp = await InvitedFollowUpAsync();
        var token = app.TokenFor(followUp);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var expired = app.TokenFor(followUp, expiresAt: app.Clock.Now.AddSeconds(-1));
        var unknown = app.TokenFor("0123456789abcdef0123456789abcdef_1w");

        foreach (var (link, status) in new[] { (tampered, 404), ("not-a-token", 404), (unknown, 404), (expired, 410) })
        {
            var (http, message) = await app.SubmitAsync(link, "{\"pain\":3}");
            Assert.Equal(status, http.Status());
            Assert.Null(message);
        }
    }

    [Fact]
    public async Task A_link_whose_answer_is_stored_says_already_received_and_queues_nothing()
    {
        var followUp = await InvitedFollowUpAsync();
        var token = app.TokenFor(followUp);
        var (_, message) = await app.SubmitAsync(token, "{\"pain\":3}");
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();

        var (http, again) = await app.SubmitAsync(token, "{\"pain\":5}");

        Assert.Equal(409, http.Status());
        Assert.Equal("already-received", http.Body()!["code"]!.GetValue<string>());
        Assert.Null(again);
    }

    [Fact]
    public async Task A_wrapped_request_without_its_route_values_is_a_malformed_invocation()
    {
        var payload = Invocations.Http("POST", "http://localhost:7071/api/clinics", new(), "{\"pain\":1}");

        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("api/surveys/{token}", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData("\\")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("..\\..\\win.ini")]
    [InlineData("../../x")]
    public async Task An_odd_token_is_the_patients_404_carried_by_a_successful_invocation(string token)
    {
        // The URL as a host might show it, unescaped: the path comes from the route values, not from parsing it.
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/surveys/{token}", new JsonObject { ["token"] = token }, "{\"pain\":1}");

        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        Assert.Equal(404, outputs["res"]!.AsObject().Status());
        Assert.False(outputs.ContainsKey("response"));
    }
}
