using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>A clinic's settings: set by the admin at creation, read and changed (JSON merge patch) by the admin or the clinic itself.</summary>
public sealed class ClinicSettingsTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string MergePatch = "application/merge-patch+json";

    private async Task<JsonObject> CreateAsync(object body)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private Task<HttpResponseMessage> PatchAsync(string clinicId, string? key, string json, string contentType = MergePatch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/clinics/{clinicId}") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return app.Client.SendAsync(request);
    }

    private Task<Clinic?> StoredAsync(string clinicId) => app.Service<IClinicStore>().FindAsync(clinicId, CancellationToken.None);

    private Task<IReadOnlyList<AuditEntry>> TrailAsync(string clinicId) =>
        app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Clinic(clinicId), CancellationToken.None);

    private static string? Text(JsonObject body, string name) => body[name]?.GetValue<string>();

    [Fact]
    public async Task The_admin_creates_a_clinic_with_its_alert_address_and_phone_kept_in_E164()
    {
        var body = await CreateAsync(new { name = "Spine Centre East", timeZone = "Europe/Berlin", alertEmail = " alerts@spine-east.example.org ", phone = "+49 (30) 1234-5678" });

        var clinicId = Text(body, "clinicId")!;
        Assert.Equal(("alerts@spine-east.example.org", "+493012345678"), (Text(body, "alertEmail"), Text(body, "phone")));
        Assert.Equal(new Clinic(clinicId, "Spine Centre East", "Europe/Berlin", app.Clock.Now, "alerts@spine-east.example.org", "+493012345678"),
            await StoredAsync(clinicId));
        var created = (await TrailAsync(clinicId))[0];
        Assert.Equal(("clinic-created", "alertEmail,phone"), (created.Action, created.Changes["set"]));
        Assert.DoesNotContain(created.Changes.Values, v => v?.Contains("spine-east", StringComparison.Ordinal) == true || v?.Contains("12345678", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_clinic_created_without_them_has_neither()
    {
        var body = await CreateAsync(new { name = "Spine Centre West", timeZone = "UTC" });

        Assert.Null(body["alertEmail"]);
        Assert.Equal(new Clinic(Text(body, "clinicId")!, "Spine Centre West", "UTC", app.Clock.Now), await StoredAsync(Text(body, "clinicId")!));
        Assert.False((await TrailAsync(Text(body, "clinicId")!))[0].Changes.ContainsKey("set"));
    }

    [Theory]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"alertEmail\": \"not an address\"}", "alertEmail")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"alertEmail\": \"\"}", "alertEmail")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"alertEmail\": 7}", "alertEmail")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"phone\": \"030 1234567\"}", "phone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"phone\": \"+49 30 1234567\\u0000\"}", "phone")]
    [InlineData("{\"name\": \"A\", \"timeZone\": \"UTC\", \"phone\": [\"+493012345678\"]}", "phone")]
    [InlineData("{\"name\": \"ask alerts@example.org\", \"timeZone\": \"UTC\"}", "name")]
    public async Task A_wrong_alert_address_or_phone_at_creation_is_a_400_naming_it_and_stores_nothing(string json, string field)
    {
        var before = await app.AccessRowsAsync();

        var response = await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ReadProblemAsync())["field"]!.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task The_admin_and_the_clinic_itself_read_its_settings_with_their_version()
    {
        var clinic = await app.CreateClinicAsync("Spine Centre North", "Europe/Amsterdam");

        foreach (var key in new[] { OutcomesApp.AdminKey, clinic.ApiKey })
        {
            var response = await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", key);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadObjectAsync();
            Assert.Equal(JsonNode.Parse($$"""{"clinicId":"{{clinic.ClinicId}}","name":"Spine Centre North","timeZone":"Europe/Amsterdam","alertEmail":null,"phone":null}"""),
                body, JsonNode.DeepEquals);
            Assert.Matches("^\"[A-Za-z0-9_-]+\"$", response.Headers.ETag!.ToString());
            Assert.False(response.Headers.ETag.IsWeak);
        }
    }

    [Fact]
    public async Task Another_clinic_s_settings_are_the_same_404_as_a_clinic_that_does_not_exist()
    {
        var mine = await app.CreateClinicAsync("Mine");
        var theirs = await app.CreateClinicAsync("Theirs");
        var before = await app.AccessRowsAsync();

        var get = await app.SendAsync(HttpMethod.Get, $"/api/clinics/{theirs.ClinicId}", mine.ApiKey);
        var patch = await PatchAsync(theirs.ClinicId, mine.ApiKey, """{"name": "Taken over"}""");
        var missing = await app.SendAsync(HttpMethod.Get, "/api/clinics/0123456789abcdef0123456789abcdef", mine.ApiKey);
        var missingPatch = await PatchAsync("0123456789abcdef0123456789abcdef", OutcomesApp.AdminKey, """{"name": "Nobody"}""");

        Assert.All(new[] { get, patch, missing, missingPatch }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        static async Task<string> Shape(HttpResponseMessage r, string id)
        {
            var problem = await r.ReadProblemAsync();
            return $"{problem["type"]}|{problem["title"]}|{problem["detail"]!.GetValue<string>().Replace(id, "{id}")}";
        }
        Assert.Equal(await Shape(missing, "0123456789abcdef0123456789abcdef"), await Shape(get, theirs.ClinicId));
        Assert.Equal(await Shape(missingPatch, "0123456789abcdef0123456789abcdef"), await Shape(patch, theirs.ClinicId));
        Assert.Equal(before, await app.AccessRowsAsync());
        Assert.Equal("Theirs", (await StoredAsync(theirs.ClinicId))!.Name);
    }

    [Fact]
    public async Task An_analyst_may_not_read_or_change_a_clinic_and_nobody_without_a_key()
    {
        var clinic = await app.CreateClinicAsync();
        var analyst = (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", analyst)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(clinic.ClinicId, analyst, """{"name": "Analysed"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchAsync(clinic.ClinicId, null, """{"name": "Anonymous"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchAsync(clinic.ClinicId, "oc_" + new string('x', 43), """{"name": "Forged"}""")).StatusCode);
        Assert.NotEqual("Analysed", (await StoredAsync(clinic.ClinicId))!.Name);
    }

    [Fact]
    public async Task The_clinic_changes_its_own_settings_and_the_change_is_audited_without_the_address_or_phone()
    {
        var clinic = await app.CreateClinicAsync("Old Name");
        app.Clock.Now += TimeSpan.FromMinutes(3);

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey,
            """{"name": "New Name", "alertEmail": "alerts@new-name.example.org", "phone": "+44 20 7946 0958"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(("New Name", "alerts@new-name.example.org", "+442079460958"), (Text(body, "name"), Text(body, "alertEmail"), Text(body, "phone")));
        Assert.Equal(new Clinic(clinic.ClinicId, "New Name", "Europe/Amsterdam", app.Clock.Now - TimeSpan.FromMinutes(3), "alerts@new-name.example.org", "+442079460958"),
            await StoredAsync(clinic.ClinicId));
        var changed = (await TrailAsync(clinic.ClinicId))[^1];
        Assert.Equal("clinic-settings-changed", changed.Action);
        Assert.Equal(AuditActor.ClinicKey(clinic.KeyId), changed.Actor);
        Assert.Equal(app.Clock.Now, changed.At);
        Assert.Equal(new Dictionary<string, string?> { ["changed"] = "name,alertEmail,phone", ["name"] = "New Name" }, changed.Changes);
        var get = await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey);
        Assert.Equal(response.Headers.ETag, get.Headers.ETag);
    }

    [Fact]
    public async Task The_admin_changes_any_clinic_as_the_admin()
    {
        var clinic = await app.CreateClinicAsync("Admin's Clinic");

        var response = await PatchAsync(clinic.ClinicId, OutcomesApp.AdminKey, """{"phone": "+1 617 555 0123"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("+16175550123", (await StoredAsync(clinic.ClinicId))!.Phone);
        var changed = (await TrailAsync(clinic.ClinicId))[^1];
        Assert.Equal((AuditActor.Admin, "phone"), (changed.Actor, changed.Changes["changed"]));
    }

    [Fact]
    public async Task Null_removes_an_optional_setting_and_what_the_patch_leaves_out_stays()
    {
        var created = await CreateAsync(new { name = "Merge Clinic", timeZone = "UTC", alertEmail = "alerts@merge.example.org", phone = "+493012345678" });
        var clinicId = Text(created, "clinicId")!;

        var response = await PatchAsync(clinicId, OutcomesApp.AdminKey, """{"alertEmail": null}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Clinic(clinicId, "Merge Clinic", "UTC", app.Clock.Now, null, "+493012345678"), await StoredAsync(clinicId));
        var body = await response.ReadObjectAsync();
        Assert.True(body.ContainsKey("alertEmail") && body["alertEmail"] is null);
        Assert.Equal(new Dictionary<string, string?> { ["changed"] = "alertEmail", ["removed"] = "alertEmail" }, (await TrailAsync(clinicId))[^1].Changes);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_writes_nothing_and_records_nothing()
    {
        var created = await CreateAsync(new { name = "Steady Clinic", timeZone = "UTC", phone = "+493012345678" });
        var clinicId = Text(created, "clinicId")!;
        var before = await app.AccessRowsAsync();
        var etag = (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinicId}", OutcomesApp.AdminKey)).Headers.ETag;

        foreach (var patch in new[] { "{}", """{"name": "Steady Clinic"}""", """{"phone": "+49 30 12345678"}""" })
        {
            var response = await PatchAsync(clinicId, OutcomesApp.AdminKey, patch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(etag, response.Headers.ETag);
        }
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task The_settings_read_can_be_sent_back_as_the_patch()
    {
        var clinic = await app.CreateClinicAsync("Round Trip");
        var read = await (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey)).ReadObjectAsync();
        read["name"] = "Round Trip Clinic";
        read["alertEmail"] = "alerts@round-trip.example.org";

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, read.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Round Trip Clinic", "alerts@round-trip.example.org"), ((await StoredAsync(clinic.ClinicId))!.Name, (await StoredAsync(clinic.ClinicId))!.AlertEmail));
    }

    [Theory]
    [InlineData("{\"name\": null}", "invalid-field", "name")]
    [InlineData("{\"name\": 42}", "invalid-field", "name")]
    [InlineData("{\"name\": \"   \"}", "invalid-field", "name")]
    [InlineData("{\"name\": \"Spine\\nCentre\"}", "invalid-field", "name")]
    [InlineData("{\"name\": \"Spine\\u2028Centre\"}", "invalid-field", "name")]
    [InlineData("{\"name\": \"write to x@example.org\"}", "invalid-field", "name")]
    [InlineData("{\"alertEmail\": \"not an address\"}", "invalid-field", "alertEmail")]
    [InlineData("{\"alertEmail\": \"\"}", "invalid-field", "alertEmail")]
    [InlineData("{\"alertEmail\": {\"to\": \"alerts@example.org\"}}", "invalid-field", "alertEmail")]
    [InlineData("{\"phone\": \"12345\"}", "invalid-field", "phone")]
    [InlineData("{\"phone\": \"+49 30 1234\\r\\n567\"}", "invalid-field", "phone")]
    [InlineData("{\"phone\": 4930123456}", "invalid-field", "phone")]
    [InlineData("{\"timeZone\": \"Europe/Paris\"}", "invalid-field", "timeZone")]
    [InlineData("{\"timeZone\": null}", "invalid-field", "timeZone")]
    [InlineData("{\"clinicId\": \"another\"}", "invalid-field", "clinicId")]
    [InlineData("{\"colour\": \"blue\"}", "invalid-field", "colour")]
    [InlineData("{\"name\": \"Fine\", \"phone\": \"nope\"}", "invalid-field", "phone")]
    [InlineData("{\"name\": \"A\", \"NAME\": \"B\"}", "duplicate-field", "NAME")]
    [InlineData("{\"name\": \"A\", ", "malformed-json", null)]
    [InlineData("[{\"name\": \"A\"}]", "malformed-json", null)]
    [InlineData("\"A\"", "malformed-json", null)]
    [InlineData("null", "malformed-json", null)]
    [InlineData("", "missing-body", null)]
    public async Task A_wrong_patch_is_a_400_problem_naming_the_field_and_changes_nothing(string json, string code, string? field)
    {
        var clinic = await app.CreateClinicAsync("Untouched");
        var before = await app.AccessRowsAsync();

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
    }

    [Fact]
    public async Task Every_wrong_member_is_named_at_once()
    {
        var clinic = await app.CreateClinicAsync();

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "", "alertEmail": "x", "phone": "y", "extra": 1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync())["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>());
        Assert.Equal(["name", "alertEmail", "phone", "extra"], errors);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json-patch+json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_patch_not_sent_as_a_merge_patch_is_415_and_changes_nothing(string contentType)
    {
        var clinic = await app.CreateClinicAsync("Typed");

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "Retyped"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await response.ReadProblemAsync())["status"]!.GetValue<int>());
        Assert.Equal("Typed", (await StoredAsync(clinic.ClinicId))!.Name);
    }

    [Fact]
    public async Task A_merge_patch_with_a_charset_is_read()
    {
        var clinic = await app.CreateClinicAsync("Charset");

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "Charset Clinic"}""", MergePatch + "; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_patch_over_the_body_limit_is_413_and_changes_nothing()
    {
        var clinic = await app.CreateClinicAsync("Small");

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, $$"""{"name": "{{new string('a', 100_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Small", (await StoredAsync(clinic.ClinicId))!.Name);
    }

    [Fact]
    public async Task With_If_Match_a_change_lands_only_on_the_version_read_else_412()
    {
        var clinic = await app.CreateClinicAsync("Versioned");
        var read = (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey)).Headers.ETag!.ToString();

        var first = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "First"}""", ifMatch: read);
        var before = await app.AccessRowsAsync();
        var stale = await PatchAsync(clinic.ClinicId, OutcomesApp.AdminKey, """{"name": "Stale"}""", ifMatch: read);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(read, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("precondition-failed", (await stale.ReadProblemAsync())["code"]!.GetValue<string>());
        Assert.Equal(before, await app.AccessRowsAsync());
        Assert.Equal("First", (await StoredAsync(clinic.ClinicId))!.Name);

        var current = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "Second"}""", ifMatch: $"\"other\", {first.Headers.ETag}");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "Third"}""", ifMatch: "*")).StatusCode);
        Assert.Equal("Third", (await StoredAsync(clinic.ClinicId))!.Name);
    }

    [Theory]
    [InlineData("W/")]          // a weak tag never matches If-Match (strong comparison)
    [InlineData("unquoted")]
    [InlineData("\"unterminated")]
    public async Task A_weak_or_malformed_If_Match_changes_nothing(string how)
    {
        var clinic = await app.CreateClinicAsync("Guarded");
        var etag = (await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}", clinic.ApiKey)).Headers.ETag!.ToString();
        var ifMatch = how == "W/" ? "W/" + etag : how;

        var response = await PatchAsync(clinic.ClinicId, clinic.ApiKey, """{"name": "Changed"}""", ifMatch: ifMatch);

        Assert.Equal(how == "W/" ? HttpStatusCode.PreconditionFailed : HttpStatusCode.BadRequest, response.StatusCode);
        if (how != "W/")
            Assert.Equal("If-Match", (await response.ReadProblemAsync())["field"]!.GetValue<string>());
        Assert.Equal("Guarded", (await StoredAsync(clinic.ClinicId))!.Name);
    }

    [Fact]
    public async Task Changes_at_the_same_moment_without_If_Match_each_land_or_say_so_and_each_landing_is_audited_once()
    {
        var clinic = await app.CreateClinicAsync("Busy");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            PatchAsync(clinic.ClinicId, clinic.ApiKey, $$"""{"phone": "+4930100000{{i}}"}""")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var landed = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(landed >= 1);
        Assert.Equal(landed, (await TrailAsync(clinic.ClinicId)).Count(e => e.Action == "clinic-settings-changed"));
        Assert.Matches("^\\+4930100000[0-5]$", (await StoredAsync(clinic.ClinicId))!.Phone!);
    }

    [Fact]
    public async Task The_alert_address_and_phone_are_never_logged()
    {
        var created = await CreateAsync(new { name = "Quiet Clinic", timeZone = "UTC", alertEmail = "quiet-alerts@example.org", phone = "+493098765432" });
        var clinicId = Text(created, "clinicId")!;
        await app.SendAsync(HttpMethod.Get, $"/api/clinics/{clinicId}", OutcomesApp.AdminKey);
        await PatchAsync(clinicId, OutcomesApp.AdminKey, """{"alertEmail": "loud-alerts@example.org", "phone": "+493011112222"}""");
        await PatchAsync(clinicId, OutcomesApp.AdminKey, """{"alertEmail": "wrong-alerts@example", "phone": "+4930 3333 4444 5555 6666"}""");

        Assert.NotEmpty(app.Logs.Lines);
        foreach (var secret in new[] { "quiet-alerts", "loud-alerts", "wrong-alerts", "98765432", "11112222", "33334444" })
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
    }
}
