using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

public sealed class TimerInvocationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Timer_run_answers_with_one_invitation_for_the_service_bus_output(bool pastDue)
    {
        var response = await app.Client.PostAsync("/SendFollowUpSurveys", Invocations.Timer(pastDue));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObjectAsync();
        var invitations = Assert.IsType<JsonArray>(result["Outputs"]!["invitations"]);
        var invitation = Assert.Single(invitations);
        Assert.Equal("test-invitation", invitation!["kind"]!.GetValue<string>());
        Assert.True(Guid.TryParse(invitation["invitationId"]!.GetValue<string>(), out _));
        Assert.NotEmpty(result["Logs"]!.AsArray());
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
