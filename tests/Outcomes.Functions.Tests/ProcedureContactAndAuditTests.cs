using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace Outcomes.Functions.Tests;

public sealed class ProcedureContactAndAuditTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<(string Key, string ProcedureId)> RegisterAsync()
    {
        var clinic = await app.CreateClinicAsync();
        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, new
        {
            patientRef = "NSC-0002", contact = new { email = "erase.me@example.org", phone = "+31 6 12345678" }, procedureType = "vertebroplasty",
            procedureDate = "2026-02-01", levels = new[] { "L3" }, etiology = "malignant", baseline = new { pain = 6, medications = new[] { "none" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (clinic.ApiKey, (await response.ReadObjectAsync())["procedureId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Erasing_the_contact_removes_it_from_storage_and_is_audited()
    {
        var (key, id) = await RegisterAsync();

        var erased = await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{id}/contact", key);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var read = await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{id}", key)).ReadObjectAsync();
        Assert.False(read["contact"]!["hasEmail"]!.GetValue<bool>());
        Assert.False(read["contact"]!["hasPhone"]!.GetValue<bool>());
        var row = (await app.Table("Procedures").GetEntityAsync<TableEntity>(id, Outcomes.Storage.Tables.ProcedureRows.Procedure(id))).Value;
        Assert.False(row.ContainsKey("Contact") && row["Contact"] is not null);
        var audit = await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{id}/audit", key)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(new[] { "procedure-registered", "contact-erased" }, audit!.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(audit!, e => Assert.Equal("clinic-key", e!["actor"]!.GetValue<string>()));
        Assert.DoesNotContain("erase.me", audit!.ToJsonString());
    }

    [Fact]
    public async Task Another_clinic_can_neither_read_the_audit_nor_erase_the_contact()
    {
        var (key, id) = await RegisterAsync();
        var other = await app.CreateClinicAsync("Other", "America/New_York");

        var audit = await app.SendAsync(HttpMethod.Get, $"/api/procedures/{id}/audit", other.ApiKey);
        var erase = await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{id}/contact", other.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, audit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, erase.StatusCode);
        var read = await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{id}", key)).ReadObjectAsync();
        Assert.True(read["contact"]!["hasEmail"]!.GetValue<bool>());
    }
}
