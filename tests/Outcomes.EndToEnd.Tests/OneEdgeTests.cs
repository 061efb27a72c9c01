using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// A function the host calls wrapped (clinic answers: it also sends a Service Bus message) and one it proxies (events)
/// answer the same mistake with the same problem, through the local host: one pipeline behind both.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class OneEdgeTests(LocalHostProcess host)
{
    private async Task<(HttpStatusCode Status, string? ContentType, JsonObject Problem)> PostAsync(string path, string? key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await host.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The problem with the ids that differ per request taken out, after checking they are there.</summary>
    private static string WithoutIds(JsonObject problem)
    {
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()), problem.ToJsonString());
        Assert.False(string.IsNullOrEmpty(problem["invocationId"]?.GetValue<string>()), problem.ToJsonString());
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        copy.Remove("invocationId");
        return copy.ToJsonString();
    }

    public static TheoryData<string, string?, string, HttpStatusCode> Mistakes() => new()
    {
        { "no key", null, "{}", HttpStatusCode.Unauthorized },
        { "a key nobody issued", "oc_not-a-key", "{}", HttpStatusCode.Unauthorized },
        { "the admin key", LocalHostProcess.AdminKey, "{}", HttpStatusCode.Forbidden },
        { "a body that is not JSON", "clinic", "{\"type\": ", HttpStatusCode.BadRequest },
        { "a JSON array", "clinic", "[1]", HttpStatusCode.BadRequest },
        { "a body over 64 KiB", "clinic", "{\"x\": \"" + new string('a', 70_000) + "\"}", HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_wrapped_and_a_proxied_function_answer_the_same_mistake_with_the_same_problem(string mistake, string? key, string body, HttpStatusCode status)
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Edge Clinic");
        var procedureId = await clinic.RegisterAsync(host, "EDGE-" + Guid.NewGuid().ToString("N")[..8], clinic.Today.AddDays(-10), "edge@example.org");
        key = key == "clinic" ? clinic.ApiKey : key;

        var wrapped = await PostAsync($"/api/procedures/{procedureId}/responses", key, body);
        var proxied = await PostAsync($"/api/procedures/{procedureId}/events", key, body);

        Assert.True((status, status) == (wrapped.Status, proxied.Status), $"{mistake}: wrapped {wrapped.Status}, proxied {proxied.Status}.");
        Assert.Equal("application/problem+json", wrapped.ContentType);
        Assert.Equal("application/problem+json", proxied.ContentType);
        Assert.Equal(WithoutIds(proxied.Problem), WithoutIds(wrapped.Problem));
        Assert.Contains(host.Lines, l => l.Contains("Executed 'Functions.EnterClinicResponse' (Succeeded"));
    }
}
