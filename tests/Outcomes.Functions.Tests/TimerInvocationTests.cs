using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

public sealed class TimerInvocationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_timer_run_answers_with_its_invitations_under_the_service_bus_output(bool pastDue)
    {
        var response = await app.Client.PostAsync("/SendFollowUpSurveys", Invocations.Timer(pastDue));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObjectAsync();
        Assert.IsType<JsonArray>(result["Outputs"]!["invitations"]);
        Assert.Contains("Follow-up round", result["Logs"]![0]!.GetValue<string>());
        Assert.Equal(pastDue, result["Logs"]![0]!.GetValue<string>().Contains("past due"));
        Assert.True(result.ContainsKey("ReturnValue"));
    }

    [Fact]
    public async Task Timer_data_that_is_not_an_object_is_a_malformed_invocation()
    {
        var payload = new JsonObject { ["Data"] = new JsonObject { ["timer"] = "now" }, ["Metadata"] = new JsonObject() };

        var response = await app.Client.PostAsync("/SendFollowUpSurveys", payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Data.timer", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }
}
