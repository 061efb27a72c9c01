using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

/// <summary>API answers are neither cached nor sniffed: proxied, refused, unknown routes and wrapped answers alike.</summary>
public sealed class ResponseHeadersTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Theory]
    [InlineData("GET", "/api/health", null)]
    [InlineData("GET", "/api/benchmarks", null)]
    [InlineData("GET", "/api/reports/outcomes", OutcomesApp.AdminKey)]
    [InlineData("GET", "/api/procedures/nope", OutcomesApp.AdminKey)]
    [InlineData("GET", "/api/procedures/nope", null)]
    [InlineData("GET", "/api/no-such-route", null)]
    [InlineData("POST", "/api/clinics", OutcomesApp.AdminKey)]
    public async Task Proxied_answers_say_no_store_and_nosniff(string method, string path, string? key)
    {
        var response = await app.SendAsync(new HttpMethod(method), path, key, method == "POST" ? "{" : null);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_wrapped_answer_says_no_store_and_nosniff()
    {
        var payload = Invocations.Http("POST", "http://localhost:7071/api/surveys/not-a-token", new JsonObject { ["token"] = "not-a-token" }, "{\"pain\":1}");

        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = (await response.ReadObjectAsync())["Outputs"]!["res"]!["headers"]!.AsObject();
        Assert.Equal("no-store", headers["Cache-Control"]!.GetValue<string>());
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]!.GetValue<string>());
    }

    [Fact]
    public async Task Markup_a_client_sent_comes_back_escaped_in_a_problem_and_a_forged_invocation_id_not_at_all()
    {
        var clinic = await app.CreateClinicAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/procedures/%3Cscript%3Ex%3C%2Fscript%3E");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        request.Headers.Add("X-Azure-Functions-InvocationId", "<img src=x onerror=alert(1)>");

        var response = await app.Client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\\u003Cscript\\u003E", raw);
        Assert.DoesNotContain("<", raw);
        Assert.Equal("", (await response.ReadProblemAsync())["invocationId"]!.GetValue<string>());
    }
}
