using System.Net;
using System.Text;

namespace Outcomes.Functions.Tests;

public sealed class MalformedInvocationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Theory]
    [InlineData("/SendFollowUpSurveys", "{not json", "not JSON")]
    [InlineData("/SendFollowUpSurveys", "[1,2]", "JSON object")]
    [InlineData("/SendFollowUpSurveys", "{\"Metadata\":{}}", "'Data'")]
    [InlineData("/SendFollowUpSurveys", "{\"Data\":{\"other\":1}}", "'timer'")]
    [InlineData("/RecordSurveyResponse", "{\"Data\":{}}", "'response'")]
    [InlineData("/RecordSurveyResponse", "{\"Data\":{\"response\":null},\"Metadata\":{\"MessageId\":\"m\"}}", "'response'")]
    [InlineData("/SubmitSurveyResponse", "{\"Data\":{\"req\":\"GET /\"}}", "HTTP trigger data")]
    [InlineData("/SubmitSurveyResponse", "", "not JSON")]
    public async Task A_malformed_invocation_gets_a_400_that_says_what_is_wrong(string path, string body, string detailMentions)
    {
        var response = await app.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("urn:outcomes:problem:malformed-invocation", problem["type"]!.GetValue<string>());
        Assert.Contains(detailMentions, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_invocation_id_the_host_sends_comes_back_in_the_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/SendFollowUpSurveys") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", "3f1c2d4e-aaaa-bbbb-cccc-000000000001");

        var response = await app.Client.SendAsync(request);

        Assert.Equal("3f1c2d4e-aaaa-bbbb-cccc-000000000001", (await response.ReadObjectAsync())["invocationId"]!.GetValue<string>());
    }
}
