using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace Outcomes.Functions.Tests;

public sealed class ProcedureTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    // The app's clock says 2026-03-01 09:00 UTC.
    private static JsonObject Registration(string procedureDate = "2026-02-20", string procedureType = "vertebroplasty") => new()
    {
        ["patientRef"] = "NSC-0001",
        ["contact"] = new JsonObject { ["email"] = "patient.one@example.org", ["language"] = "en" },
        ["procedureType"] = procedureType,
        ["procedureDate"] = procedureDate,
        ["levels"] = new JsonArray("T12", "L1"),
        ["etiology"] = "osteoporotic",
        ["baseline"] = new JsonObject { ["pain"] = 8, ["medications"] = new JsonArray("paracetamol", "weak_opioid") },
    };

    private async Task<(Access.RegisteredClinic Clinic, JsonObject Created)> RegisterAsync(JsonObject? body = null)
    {
        var clinic = await app.CreateClinicAsync();
        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, (body ?? Registration()).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (clinic, await response.ReadObjectAsync());
    }

    [Fact]
    public async Task A_registered_procedure_gets_its_five_follow_ups_in_calendar_terms()
    {
        var (_, created) = await RegisterAsync();

        var followUps = created["followUps"]!.AsArray();
        Assert.Equal(new[] { "1w", "1m", "3m", "6m", "12m" }, followUps.Select(f => f!["timePoint"]!.GetValue<string>()));
        Assert.Equal(new[] { "2026-02-27", "2026-03-20", "2026-05-20", "2026-08-20", "2027-02-20" }, followUps.Select(f => f!["due"]!.GetValue<string>()));
        Assert.Equal("2026-03-19", followUps[0]!["closes"]!.GetValue<string>());
        Assert.All(followUps, f => Assert.Equal("pending", f!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_late_registration_marks_the_follow_ups_whose_window_closed_as_missed()
    {
        var (_, created) = await RegisterAsync(Registration(procedureDate: "2025-10-15"));

        var statuses = created["followUps"]!.AsArray().Select(f => f!["status"]!.GetValue<string>());
        Assert.Equal(new[] { "missed", "missed", "pending", "pending", "pending" }, statuses);
    }

    [Fact]
    public async Task The_clinic_reads_its_procedure_back_without_the_contact_details()
    {
        var (clinic, created) = await RegisterAsync();
        var id = created["procedureId"]!.GetValue<string>();

        var response = await app.SendAsync(HttpMethod.Get, $"/api/procedures/{id}", clinic.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var procedure = await response.ReadObjectAsync();
        Assert.Equal("NSC-0001", procedure["patientRef"]!.GetValue<string>());
        Assert.Equal(new[] { "T12", "L1" }, procedure["levels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.True(procedure["contact"]!["hasEmail"]!.GetValue<bool>());
        Assert.DoesNotContain("patient.one@example.org", procedure.ToJsonString());
        Assert.Equal(5, procedure["followUps"]!.AsArray().Count);
    }

    [Fact]
    public async Task Another_clinics_procedure_is_a_404_like_one_that_does_not_exist()
    {
        var (_, created) = await RegisterAsync();
        var other = await app.CreateClinicAsync("Other Clinic", "Asia/Kolkata");

        var theirs = await app.SendAsync(HttpMethod.Get, $"/api/procedures/{created["procedureId"]}", other.ApiKey);
        var missing = await app.SendAsync(HttpMethod.Get, $"/api/procedures/{Guid.NewGuid():N}", other.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await missing.ReadObjectAsync())["title"]!.ToString(), (await theirs.ReadObjectAsync())["title"]!.ToString());
    }

    [Theory]
    [InlineData("procedureDate", "2026-03-02", "procedureDate")]
    [InlineData("procedureType", "vertebrectomy", "procedureType")]
    [InlineData("etiology", "unknown", "etiology")]
    public async Task A_bad_field_is_a_400_naming_it_and_nothing_is_stored(string field, string value, string named)
    {
        var clinic = await app.CreateClinicAsync();
        var body = Registration();
        body[field] = value;

        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(named, (await response.ReadObjectAsync())["field"]!.GetValue<string>());
        Assert.Empty(await ProcedureRowsAsync(clinic.ClinicId));
    }

    [Fact]
    public async Task Several_bad_fields_are_all_named()
    {
        var clinic = await app.CreateClinicAsync();
        var body = Registration();
        body["baseline"]!["pain"] = 11;
        body["levels"] = new JsonArray("T12", "X9");

        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.ReadObjectAsync())["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>());
        Assert.Equal(new[] { "levels[1]", "baseline.pain" }.Order(), fields.Order());
    }

    [Fact]
    public async Task Registering_needs_a_clinic_key()
    {
        var withoutKey = await app.SendAsync(HttpMethod.Post, "/api/procedures", null, Registration().ToJsonString());
        var withAdminKey = await app.SendAsync(HttpMethod.Post, "/api/procedures", OutcomesApp.AdminKey, Registration().ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withAdminKey.StatusCode);
    }

    [Fact]
    public async Task Registration_is_audited_with_the_clinic_key_and_no_contact_details()
    {
        var (clinic, created) = await RegisterAsync();

        var procedureId = created["procedureId"]!.GetValue<string>();
        var (after, before) = Outcomes.Storage.Tables.ProcedureRows.Range(procedureId, Outcomes.Storage.Tables.ProcedureRows.AuditKind);
        var rows = await app.Table("Procedures").QueryAsync<TableEntity>(e => e.PartitionKey == procedureId
                && e.RowKey.CompareTo(after) > 0 && e.RowKey.CompareTo(before) < 0)
            .Select(r => string.Join("|", r.Select(p => $"{p.Key}={p.Value}"))).ToListAsync();

        var row = Assert.Single(rows);
        Assert.Contains("procedure-registered", row);
        Assert.Contains(clinic.KeyId, row);
        Assert.DoesNotContain("example.org", row);
    }

    private async Task<List<TableEntity>> ProcedureRowsAsync(string clinicId)
    {
        try
        {
            return await app.Table("Procedures").QueryAsync<TableEntity>(e => e.GetString("ClinicId") == clinicId).ToListAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
