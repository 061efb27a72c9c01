using System.Net;

namespace Outcomes.EndToEnd.Tests;

/// <summary>What a clinic does first, through the local host: get a key, register a procedure, read it back.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ClinicFlowTests(LocalHostProcess host)
{
    [Fact]
    public async Task A_clinic_registers_a_procedure_and_reads_its_follow_ups_back()
    {
        var clinic = await host.SendAsync(HttpMethod.Post, "/api/clinics", LocalHostProcess.AdminKey,
            new { name = "Spine Centre East", timeZone = "Pacific/Auckland" }, HttpStatusCode.Created);
        var key = clinic["apiKey"]!.GetValue<string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd");

        var created = await host.SendAsync(HttpMethod.Post, "/api/procedures", key, new
        {
            patientRef = "E2E-1", contact = new { phone = "+64 21 555 0100", language = "en" }, procedureType = "kyphoplasty",
            procedureDate = today, levels = new[] { "L2" }, etiology = "traumatic", baseline = new { pain = 7, medications = new[] { "nsaid" } },
        }, HttpStatusCode.Created);
        var read = await host.SendAsync(HttpMethod.Get, $"/api/procedures/{created["procedureId"]}", key, null, HttpStatusCode.OK);

        Assert.Equal("E2E-1", read["patientRef"]!.GetValue<string>());
        Assert.True(read["contact"]!["hasPhone"]!.GetValue<bool>());
        Assert.DoesNotContain("555", read.ToJsonString());
        Assert.Equal(5, read["followUps"]!.AsArray().Count);
        Assert.Contains(host.Lines, l => l.Contains("Executed 'Functions.RegisterProcedure' (Succeeded"));
    }
}
