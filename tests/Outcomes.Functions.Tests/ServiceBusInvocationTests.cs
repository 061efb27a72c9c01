using System.Net;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

public sealed class ServiceBusInvocationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private ISurveyResponseStore Store => app.Service<ISurveyResponseStore>();

    [Fact]
    public async Task A_delivered_response_is_stored_under_its_message_id()
    {
        var messageId = Guid.NewGuid().ToString("N");

        var response = await app.Client.PostAsync("/RecordSurveyResponse",
            Invocations.ServiceBus("response", Invocations.ResponseMessage(pain: 7, surveyLink: "link-1"), messageId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadObjectAsync();
        Assert.Empty(result["Outputs"]!.AsObject());
        Assert.Contains("Stored response", result["Logs"]![0]!.GetValue<string>());
        var stored = await Store.FindAsync("link-1", messageId, CancellationToken.None);
        Assert.Equal(7, stored!.Answers.Pain.Value);
    }

    [Fact]
    public async Task A_message_delivered_twice_is_stored_once()
    {
        var messageId = Guid.NewGuid().ToString("N");
        var text = Invocations.ResponseMessage(pain: 3, surveyLink: "link-2");

        var first = await app.Client.PostAsync("/RecordSurveyResponse", Invocations.ServiceBus("response", text, messageId, deliveryCount: 1));
        var second = await app.Client.PostAsync("/RecordSurveyResponse", Invocations.ServiceBus("response", text, messageId, deliveryCount: 2));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already stored", (await second.ReadObjectAsync())["Logs"]![0]!.GetValue<string>());
        Assert.Equal(3, (await Store.FindAsync("link-2", messageId, CancellationToken.None))!.Answers.Pain.Value);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"answers\":{\"pain\":3}}")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"surveyLink\":\"l\",\"answers\":{\"pain\":11},\"submittedAt\":\"2026-03-01T08:59:00Z\"}")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"surveyLink\":\"l\",\"answers\":{\"pain\":\"low\"},\"submittedAt\":\"2026-03-01T08:59:00Z\"}")]
    public async Task A_message_that_can_never_be_stored_fails_the_invocation_with_a_reason(string text)
    {
        var response = await app.Client.PostAsync("/RecordSurveyResponse", Invocations.ServiceBus("response", text, "m-bad"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("urn:outcomes:problem:malformed-message", problem["type"]!.GetValue<string>());
        Assert.Contains("m-bad", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delivery_without_a_message_id_is_refused_rather_than_stored_without_a_key()
    {
        var payload = Invocations.ServiceBus("response", Invocations.ResponseMessage(pain: 2), "ignored");
        payload["Metadata"]!.AsObject().Remove("MessageId");

        var response = await app.Client.PostAsync("/RecordSurveyResponse", payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MessageId", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }
}
