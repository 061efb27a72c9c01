using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

public sealed class ProcedureListTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    // The app's clock says 2026-03-01 09:00 UTC.
    private static JsonObject Registration(string patientRef, string procedureDate) => new()
    {
        ["patientRef"] = patientRef,
        ["contact"] = new JsonObject { ["email"] = "patient.one@example.org", ["language"] = "en" },
        ["procedureType"] = "vertebroplasty",
        ["procedureDate"] = procedureDate,
        ["levels"] = new JsonArray("L1"),
        ["etiology"] = "osteoporotic",
        ["baseline"] = new JsonObject { ["pain"] = 7, ["medications"] = new JsonArray("paracetamol") },
    };

    private async Task<(Access.RegisteredClinic Clinic, List<string> Ids)> ClinicWithProceduresAsync(params (string PatientRef, string Date)[] procedures)
    {
        var clinic = await app.CreateClinicAsync();
        var ids = new List<string>();
        foreach (var (patientRef, date) in procedures)
        {
            var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, Registration(patientRef, date).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadObjectAsync())["procedureId"]!.GetValue<string>());
        }
        return (clinic, ids);
    }

    /// <summary>Follows <c>next</c> from the first page to the last, checking that the Link header names the same page.</summary>
    private async Task<List<JsonObject>> AllPagesAsync(string key, string path)
    {
        var listed = new List<JsonObject>();
        for (string? next = path; next is not null;)
        {
            var response = await app.SendAsync(HttpMethod.Get, next, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadObjectAsync();
            listed.AddRange(page["procedures"]!.AsArray().Select(p => p!.AsObject()));
            next = page["next"]?.GetValue<string>();
            Assert.Equal(next is null ? null : $"<{next}>; rel=\"next\"", response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);
        }
        return listed;
    }

    [Fact]
    public async Task A_clinic_pages_through_its_own_procedures_with_each_follow_ups_status_and_never_a_contact()
    {
        var (clinic, ids) = await ClinicWithProceduresAsync(("NSC-1", "2026-02-20"), ("NSC-2", "2026-02-21"), ("NSC-3", "2026-02-22"), ("NSC-1", "2026-01-05"), ("NSC-4", "2026-02-01"));
        var (other, theirs) = await ClinicWithProceduresAsync(("NSC-1", "2026-02-20"));

        var listed = await AllPagesAsync(clinic.ApiKey, "/api/procedures?pageSize=2");

        Assert.Equal(ids.Order(), listed.Select(p => p["procedureId"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(theirs[0], listed.Select(p => p["procedureId"]!.GetValue<string>()));
        Assert.All(listed, p => Assert.Equal(5, p["followUps"]!.AsArray().Count));
        Assert.All(listed, p => Assert.False(p["followUps"]![0]!.AsObject().ContainsKey("answer")));
        Assert.DoesNotContain(listed, p => p.ToJsonString().Contains("patient.one@example.org"));
        Assert.Single(await AllPagesAsync(other.ApiKey, "/api/procedures"));
    }

    [Fact]
    public async Task Filters_by_status_time_point_due_dates_and_patient()
    {
        // 2026-01-05: 1w due 01-12 (its window closed: missed), 1m due 02-05 (open: pending). 2026-02-20: 1w due 02-27.
        var (clinic, ids) = await ClinicWithProceduresAsync(("NSC-1", "2026-01-05"), ("NSC-2", "2026-02-20"), ("NSC-1", "2026-02-25"));

        async Task<List<string>> Listed(string query) =>
            (await AllPagesAsync(clinic.ApiKey, "/api/procedures?" + query)).Select(p => p["procedureId"]!.GetValue<string>()).ToList();

        Assert.Equal([ids[0]], await Listed("status=missed"));
        Assert.Equal([ids[0]], await Listed("status=missed&timePoint=1w&dueFrom=2026-01-12&dueTo=2026-01-12"));
        Assert.Empty(await Listed("status=missed&timePoint=1m"));
        Assert.Equal([ids[1]], await Listed("timePoint=1w&dueFrom=2026-02-27&dueTo=2026-02-27"));
        Assert.Equal([ids[1], ids[2]], await Listed("status=pending&timePoint=1w&dueFrom=2026-02-01&pageSize=1"));
        Assert.Equal([ids[0], ids[2]], await Listed("patientRef=NSC-1"));
        Assert.Equal([ids[0]], await Listed("patientRef=NSC-1&status=missed"));
        Assert.Empty(await Listed("patientRef=NSC-9"));
    }

    [Fact]
    public async Task A_page_comes_as_csv_one_row_per_procedure_when_asked()
    {
        var (clinic, ids) = await ClinicWithProceduresAsync(("=HYPERLINK(\"x\")", "2026-02-20"), ("NSC-2", "2026-02-21"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/procedures?pageSize=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', ProcedureListCsv.Columns), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(ids, id => lines[1].StartsWith(id + ",", StringComparison.Ordinal));
        Assert.DoesNotContain("patient.one@example.org", lines[1]);
        Assert.Contains(",pending,2026-", lines[1]);
        Assert.DoesNotContain(",=HYPERLINK", string.Join('\n', lines));   // a formula is never handed to a spreadsheet as one
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("timePoint=2y", "timePoint")]
    [InlineData("dueFrom=2026-13-01", "dueFrom")]
    [InlineData("dueTo=yesterday", "dueTo")]
    [InlineData("dueFrom=2026-03-02&dueTo=2026-03-01", "dueTo")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("pageSize=99999999999999999999", "pageSize")]
    [InlineData("patientRef=someone@example.org", "patientRef")]
    [InlineData("patientRef=NSC%0A1", "patientRef")]
    [InlineData("continuationToken=", "continuationToken")]
    [InlineData("continuationToken=bm90IG1pbmU", "continuationToken")]
    [InlineData("continuationToken=%F0%9F%92%A5", "continuationToken")]
    [InlineData("patientRef=NSC-1&continuationToken=YTAuYQ", "continuationToken")]
    public async Task A_wrong_parameter_is_a_400_problem_naming_it(string query, string field)
    {
        var (clinic, _) = await ClinicWithProceduresAsync(("NSC-1", "2026-02-20"));

        var response = await app.SendAsync(HttpMethod.Get, "/api/procedures?" + query, clinic.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(field, (await response.ReadObjectAsync())["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_a_clinic_key_lists_procedures()
    {
        var analyst = (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/api/procedures", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/api/procedures", analyst)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/api/procedures", OutcomesApp.AdminKey)).StatusCode);
    }
}
