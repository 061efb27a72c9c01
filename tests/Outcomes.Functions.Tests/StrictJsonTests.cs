using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The defects the hostile-input review found at the JSON doors, each by name: a lone UTF-16 surrogate escape in a value
/// or a name, invalid UTF-8, a field twice, a body not declared as JSON. Every door answers a 4xx problem naming where,
/// and nothing is stored or queued. The two wrapped doors are called as the host calls them.
/// </summary>
public sealed class StrictJsonTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly string[] Tables = ["Clinics", "AccessKeys", "AuditTrail", "Procedures", "FollowUpsDue", "PatientProcedures", "OutcomeTallies", "PatientPhones"];

    public static TheoryData<string, byte[], string?> Bodies() => new()
    {
        { "lone surrogate in a value", Encoding.UTF8.GetBytes("""{"name": "\ud800", "pain": 3}"""), "name" },
        { "lone low surrogate in a value", Encoding.UTF8.GetBytes("""{"pain": 3, "medications": ["\udfff"]}"""), "medications[0]" },
        { "lone surrogate in a name", Encoding.UTF8.GetBytes("""{"na\ud800me": "x", "pain": 3}"""), null },
        { "invalid UTF-8 in a name", [.. "{\""u8, 0xff, 0xfe, .. "\": 1, \"pain\": 3}"u8], null },
        { "invalid UTF-8 in a value", [.. "{\"pain\": 3, \"name\": \""u8, 0xc3, 0x28, .. "\"}"u8], null },
        { "a field twice", Encoding.UTF8.GetBytes("""{"pain": 3, "pain": 4}"""), "pain" },
        { "a field twice in other case", Encoding.UTF8.GetBytes("""{"pain": 3, "PAIN": 4}"""), "PAIN" },
        { "a nested field twice", Encoding.UTF8.GetBytes("""{"contact": {"email": "a@b.org", "email": "c@d.org"}}"""), "contact.email" },
        { "nesting 40 deep", Encoding.UTF8.GetBytes(new string('[', 40) + new string(']', 40)), null },
    };

    private async Task<(string Clinic, string ProcedureId, string Token)> DoorsAsync()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-" + Guid.NewGuid().ToString("N")[..8]));
        return (clinic.ApiKey, procedureId, app.TokenFor($"{procedureId}_1w"));
    }

    private async Task<long> RowsAsync()
    {
        long rows = 0;
        foreach (var name in Tables)
            try
            {
                await foreach (var _ in app.Table(name).QueryAsync<TableEntity>(select: ["PartitionKey"])) rows++;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404) { }
        return rows;
    }

    private async Task<(int Status, JsonObject Problem)> ProxiedAsync(string path, string key, byte[] body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await app.Client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, (await response.ReadObjectAsync()));
    }

    private async Task<(int Status, JsonObject Problem, bool Queued)> WrappedAsync(string function, string url, string? key, byte[] body, string contentType = "application/json")
    {
        // The host hands the body on as a string: bytes that are not UTF-8 arrive as U+FFFD, as they would in Azure.
        var segments = new Uri(url).Segments;
        var routeValues = function == "SubmitSurveyResponse"
            ? new JsonObject { ["token"] = segments[^1] }
            : new JsonObject { ["procedureId"] = segments[^2].TrimEnd('/') };
        var payload = Invocations.Http("POST", url, routeValues, Encoding.UTF8.GetString(body));
        payload["Data"]!["req"]!["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray(contentType) };
        if (key is not null)
            payload["Data"]!["req"]!["Headers"]!["Authorization"] = new JsonArray($"Bearer {key}");
        var response = await app.Client.PostAsync("/" + function, payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        var http = outputs["res"]!.AsObject();
        Assert.StartsWith("application/problem+json", http["headers"]!["Content-Type"]!.GetValue<string>());
        return (http.Status(), http.Body()!.AsObject(), outputs.ContainsKey("response"));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_json_door_refuses_the_body_with_a_400_naming_where_and_stores_nothing(string defect, byte[] body, string? field)
    {
        var (key, procedureId, token) = await DoorsAsync();
        var before = await RowsAsync();

        var answers = new[]
        {
            await ProxiedAsync("/api/clinics", OutcomesApp.AdminKey, body),
            await ProxiedAsync("/api/procedures", key, body),
            await ProxiedAsync($"/api/procedures/{procedureId}/events", key, body),
        };
        // The host hands a wrapped function its body as a string, so bytes that are not UTF-8 never reach those two.
        if (!defect.StartsWith("invalid UTF-8", StringComparison.Ordinal))
        {
            var clinicEntry = await WrappedAsync("EnterClinicResponse", $"http://localhost:7071/api/procedures/{procedureId}/responses", key, body);
            var survey = await WrappedAsync("SubmitSurveyResponse", $"http://localhost:7071/api/surveys/{token}", null, body);
            Assert.False(clinicEntry.Queued || survey.Queued, defect);
            answers = [.. answers, (clinicEntry.Status, clinicEntry.Problem), (survey.Status, survey.Problem)];
        }

        foreach (var (status, problem) in answers)
        {
            Assert.True(status == 400, $"{defect}: {status} {problem.ToJsonString()}");
            Assert.Equal(field, problem["field"]?.GetValue<string>());
            Assert.NotNull(problem["traceId"]);
        }
        Assert.Equal(before, await RowsAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_json_body_sent_as_another_type_is_415_at_every_json_door(string contentType)
    {
        var (key, procedureId, _) = await DoorsAsync();
        var body = Encoding.UTF8.GetBytes("""{"name": "Clinic", "timeZone": "UTC", "type": "death", "date": "2026-02-23", "pain": 3}""");
        var before = await RowsAsync();

        var statuses = new[]
        {
            (await ProxiedAsync("/api/clinics", OutcomesApp.AdminKey, body, contentType)).Status,
            (await ProxiedAsync("/api/procedures", key, body, contentType)).Status,
            (await ProxiedAsync($"/api/procedures/{procedureId}/events", key, body, contentType)).Status,
            (await WrappedAsync("EnterClinicResponse", $"http://localhost:7071/api/procedures/{procedureId}/responses", key, body, contentType)).Status,
        };

        Assert.All(statuses, s => Assert.Equal(415, s));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task A_rejected_value_is_quoted_in_a_bounded_excerpt_not_whole()
    {
        var (key, _, _) = await DoorsAsync();
        var huge = new string('x', 60_000);

        var (status, problem) = await ProxiedAsync("/api/clinics", OutcomesApp.AdminKey, Encoding.UTF8.GetBytes($$"""{"name": "Clinic", "timeZone": "{{huge}}"}"""));

        Assert.Equal(400, status);
        Assert.True(problem.ToJsonString().Length < 2_000, $"The problem is {problem.ToJsonString().Length} characters long.");
    }
}
