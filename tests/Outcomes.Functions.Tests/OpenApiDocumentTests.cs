using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

public sealed class OpenApiDocumentTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await app.Client.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    [Theory]
    [InlineData("/api/clinics", "post")]
    [InlineData("/api/clinics/{clinicId}", "get")]
    [InlineData("/api/clinics/{clinicId}", "patch")]
    [InlineData("/api/clinics/{clinicId}/keys", "post")]
    [InlineData("/api/clinics/{clinicId}/keys/{keyId}", "delete")]
    [InlineData("/api/analyst-keys", "post")]
    [InlineData("/api/dead-letters", "get")]
    [InlineData("/api/dead-letters/{queue}/{messageId}/replay", "post")]
    public async Task The_document_lists_the_clinic_and_key_routes_as_bearer_secured(string path, string method)
    {
        var document = await DocumentAsync();

        var operation = document["paths"]![path]![method]!;
        var requirement = operation["security"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Bearer", requirement.Single().Key);
        Assert.NotNull(operation["responses"]!["401"]);
        Assert.NotNull(operation["responses"]!["403"]);
    }

    [Fact]
    public async Task The_bearer_scheme_is_described_and_creating_a_clinic_shows_its_body()
    {
        var document = await DocumentAsync();

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal(("http", "bearer"), (scheme["type"]!.GetValue<string>(), scheme["scheme"]!.GetValue<string>()));
        Assert.NotNull(document["paths"]!["/api/clinics"]!["post"]!["requestBody"]!["content"]!["application/json"]);
        Assert.Null(document["paths"]!["/api/health"]!["get"]!["security"]);
    }

    [Fact]
    public async Task The_hosts_internal_invocation_routes_are_not_in_the_document()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.All(paths, p => Assert.StartsWith("/api/", p));
        Assert.DoesNotContain("/SendFollowUpSurveys", paths);
    }

    [Fact]
    public async Task The_patients_survey_routes_are_listed_the_wrapped_post_included()
    {
        var document = await DocumentAsync();

        var survey = document["paths"]!["/api/surveys/{token}"]!;
        Assert.NotNull(survey["get"]!["responses"]!["200"]);
        var post = survey["post"]!;
        Assert.NotNull(post["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
        Assert.Equal(new[] { "202", "400", "404", "409", "410", "413" }, post["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.NotNull(document["paths"]!["/api/surveys/{token}/opt-out"]!["post"]);
        Assert.Null(document["paths"]!["/SubmitSurveyResponse"]);
    }

    [Fact]
    public async Task The_clinics_wrapped_answer_route_is_bearer_secured()
    {
        var document = await DocumentAsync();

        var post = document["paths"]!["/api/procedures/{procedureId}/responses"]!["post"]!;
        Assert.Equal("Bearer", post["security"]!.AsArray().Single()!.AsObject().Single().Key);
        Assert.Null(document["paths"]!["/api/surveys/{token}"]!["post"]!["security"]);
    }

    /// <summary>The schema a media type names, following a <c>$ref</c> into the document's components.</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject()
            : schema.AsObject();

    [Theory]
    [InlineData("/api/clinics", "application/json", "timeZone")]
    [InlineData("/api/procedures", "application/json", "procedureDate")]
    [InlineData("/api/procedures/{procedureId}/events", "application/json", "type")]
    [InlineData("/api/procedures/{procedureId}/responses", "application/json", "answeredOn")]
    [InlineData("/api/surveys/{token}", "application/json", "pain")]
    [InlineData("/api/surveys/{token}", "application/x-www-form-urlencoded", "pain")]
    public async Task A_route_that_reads_a_body_lists_the_body_s_schema(string path, string mediaType, string field)
    {
        var document = await DocumentAsync();

        var content = document["paths"]![path]!["post"]!["requestBody"]!["content"]![mediaType]!;
        var schema = Resolve(document, content["schema"]!);
        Assert.NotNull(schema["properties"]![field]);
    }

    [Fact]
    public async Task A_clinic_s_settings_are_read_and_merge_patched_by_the_admin_or_the_clinic()
    {
        var document = await DocumentAsync();
        var clinic = document["paths"]!["/api/clinics/{clinicId}"]!;

        var patch = clinic["patch"]!;
        var schema = Resolve(document, patch["requestBody"]!["content"]!["application/merge-patch+json"]!["schema"]!);
        Assert.Equal(["alertEmail", "name", "phone"], schema["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(["200", "400", "401", "403", "404", "409", "412", "413", "415"], patch["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.Contains("Callers: admin, clinic keys.", patch["description"]!.GetValue<string>());
        var shown = Resolve(document, clinic["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal(["alertEmail", "clinicId", "name", "phone", "timeZone"], shown["properties"]!.AsObject().Select(p => p.Key).Order());
        var created = Resolve(document, document["paths"]!["/api/clinics"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.NotNull(created["properties"]!["alertEmail"]);
        Assert.NotNull(created["properties"]!["phone"]);
    }

    [Fact]
    public async Task Every_post_lists_a_request_body_unless_it_reads_none()
    {
        var document = await DocumentAsync();
        string[] bodiless = ["/api/clinics/{clinicId}/keys", "/api/analyst-keys", "/api/dashboard/sign-out", "/api/surveys/{token}/opt-out",
            "/api/dead-letters/{queue}/{messageId}/replay", "/api/worklist/{itemId}/handled", "/api/dashboard/worklist/{itemId}/handled"];

        var missing = document["paths"]!.AsObject()
            .Where(p => p.Value!["post"] is { } post && post["requestBody"] is null && !bodiless.Contains(p.Key))
            .Select(p => p.Key).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_procedure_pages_event_form_is_listed_for_clinic_keys_so_the_hostile_battery_reaches_it()
    {
        var document = await DocumentAsync();

        var post = document["paths"]!["/api/dashboard/procedures/{procedureId}/events"]!["post"]!;
        Assert.NotNull(post["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
        Assert.Contains("Callers: clinic keys.", post["description"]!.GetValue<string>());
        Assert.NotNull(post["responses"]!["303"]);
    }
}
