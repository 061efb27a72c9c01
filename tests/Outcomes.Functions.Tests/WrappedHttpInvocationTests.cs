using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

public sealed class WrappedHttpInvocationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Token = "patient-link-token-0001";

    private static JsonObject Submit(string? body) => Invocations.Http(
        "POST", $"http://localhost:7071/api/surveys/{Token}", new JsonObject { ["token"] = Token }, body);

    [Fact]
    public async Task Submitted_answers_get_202_and_one_message_that_does_not_carry_the_link()
    {
        var response = await app.Client.PostAsync("/SubmitSurveyResponse", Submit("{\"pain\":4}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!;
        Assert.Equal(202, outputs["res"]!["statusCode"]!.GetValue<int>());
        var text = outputs["response"]!.GetValue<string>();
        Assert.DoesNotContain(Token, text);
        var message = JsonSerializer.Deserialize<SurveyResponseMessage>(text)!;
        Assert.Equal(4, message.Answers.Pain);
        Assert.Equal(SurveyResponseMessage.ReferenceTo(Token), message.SurveyLink);
        Assert.Equal(app.Clock.Now, message.SubmittedAt);
        var reply = JsonNode.Parse(outputs["res"]!["body"]!.GetValue<string>())!;
        Assert.Equal(message.ResponseId.ToString(), reply["responseId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"pain\":11}", "pain")]
    [InlineData("{\"pain\":-1}", "pain")]
    [InlineData("{\"pain\":\"seven\"}", "pain")]
    [InlineData("{\"mood\":3}", "pain")]
    [InlineData("[4]", null, "not-an-object")]
    [InlineData("", null, "missing-body")]
    [InlineData("{\"pain\": ", null, "malformed-json")]
    public async Task Bad_answers_get_a_400_problem_and_queue_nothing(string body, string? field, string? code = null)
    {
        var response = await app.Client.PostAsync("/SubmitSurveyResponse", Submit(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        Assert.False(outputs.ContainsKey("response"));
        Assert.Equal(400, outputs["res"]!["statusCode"]!.GetValue<int>());
        Assert.StartsWith("application/problem+json", outputs["res"]!["headers"]!["Content-Type"]!.GetValue<string>());
        var problem = JsonNode.Parse(outputs["res"]!["body"]!.GetValue<string>())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        if (code is not null) Assert.Equal(code, problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrapped_request_without_the_token_route_value_is_a_malformed_invocation()
    {
        var payload = Invocations.Http("POST", "http://localhost:7071/api/surveys/x", new JsonObject(), "{\"pain\":1}");

        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }
}
