using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The staff pages behind the dashboard's sign-in (here with the clinic's key, as a browser's cookie stands for it). The clock says 2026-03-01.</summary>
public sealed class StaffPagesTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private HttpClient Browser => field ??= app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PageAsync(HttpMethod method, string path, string key, string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("text/html");
        if (fetchSite is not null)
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        var response = await Browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The page as XML (it is well-formed after its doctype), so that tests read it by element, not by text search.</summary>
    private static XDocument Parse(string html) => XDocument.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..]);

    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> FlaggedAsync(string patientRef)
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patientRef));
        var message = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), new DateOnly(2026, 3, 1),
            new SurveyAnswers(PainScore.From(4), NewFracture: NewFractureAnswer.Yes), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>()).ToQueueText();
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(message, "m-1")).StatusCode);
        return (clinic, procedureId);
    }

    [Fact]
    public async Task The_worklist_page_shows_a_red_flag_and_its_button_takes_it_off_into_the_procedures_audit_trail()
    {
        var (clinic, procedureId) = await FlaggedAsync("NSC-0401");

        var (status, html, _) = await PageAsync(HttpMethod.Get, "/api/dashboard/worklist", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(Parse(html).Descendants("tbody").Single().Elements("tr"));
        Assert.Contains("New fracture reported", row.Value);
        Assert.Contains("NSC-0401", row.Value);
        var action = row.Descendants("form").Single().Attribute("action")!.Value;
        Assert.Equal($"/api/dashboard/worklist/{procedureId}_1w_new_fracture/handled", action);

        var (refused, _, _) = await PageAsync(HttpMethod.Post, action, clinic.ApiKey, fetchSite: "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        var (posted, _, response) = await PageAsync(HttpMethod.Post, action, clinic.ApiKey, fetchSite: "same-origin");
        Assert.Equal(HttpStatusCode.SeeOther, posted);
        Assert.Equal("/api/dashboard/worklist", response.Headers.Location!.OriginalString);

        Assert.Contains("Nothing needs a person today.", (await PageAsync(HttpMethod.Get, "/api/dashboard/worklist", clinic.ApiKey)).Html);
        var (_, procedurePage, _) = await PageAsync(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}", clinic.ApiKey);
        var audit = Parse(procedurePage).Descendants("table").Single(t => t.Element("caption")!.Value.StartsWith("Audit trail"));
        Assert.Contains(audit.Descendants("tr"), tr => tr.Value.Contains("worklist-item-handled") && tr.Value.Contains($"clinic key {clinic.KeyId}"));
        var surveys = Parse(procedurePage).Descendants("table").Single(t => t.Element("caption")!.Value == "Follow-up surveys");
        Assert.Contains(surveys.Descendants("tr"), tr => tr.Value.Contains("pain 4") && tr.Value.Contains("new fracture: yes") && tr.Value.Contains("by the patient"));
    }

    [Fact]
    public async Task Every_cell_of_every_staff_table_names_its_column_for_the_cards_a_phone_shows()
    {
        var (clinic, procedureId) = await FlaggedAsync("NSC-0403");
        var tables = new List<XElement>();

        foreach (var path in new[] { "/api/dashboard/worklist", "/api/dashboard/procedures", "/api/dashboard/procedures?patientRef=NSC-0403", $"/api/dashboard/procedures/{procedureId}" })
            tables.AddRange(Parse((await PageAsync(HttpMethod.Get, path, clinic.ApiKey)).Html).Descendants("table"));

        Assert.Equal(["Items on the worklist", "The clinic's procedures", "Procedures of NSC-0403", "Follow-up surveys", "Audit trail: who changed what, when"],
            tables.Select(t => t.Element("caption")!.Value));
        foreach (var table in tables)
        {
            var columns = table.Element("thead")!.Descendants("th").Select(th => th.Value).ToList();
            var rows = table.Element("tbody")!.Elements("tr").ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Equal(columns, row.Elements().Select(cell => cell.Attribute("data-label")?.Value)));
        }
    }

    [Fact]
    public async Task Staff_find_a_patient_by_reference_and_never_see_another_clinics_procedure()
    {
        var (clinic, procedureId) = await FlaggedAsync("NSC-0402");
        var (other, theirs) = await FlaggedAsync("NSC-0402");

        var (status, html, _) = await PageAsync(HttpMethod.Get, "/api/dashboard/procedures?patientRef=NSC-0402", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var links = Parse(html).Descendants("a").Select(a => a.Attribute("href")!.Value).Where(h => h.StartsWith("/api/dashboard/procedures/")).ToList();
        Assert.Equal([$"/api/dashboard/procedures/{procedureId}"], links);
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync(HttpMethod.Get, $"/api/dashboard/procedures/{theirs}", clinic.ApiKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync(HttpMethod.Post, $"/api/dashboard/worklist/{theirs}_1w_new_fracture/handled", clinic.ApiKey, "same-origin")).Status);
        Assert.Single(Parse((await PageAsync(HttpMethod.Get, "/api/dashboard/worklist", other.ApiKey)).Html).Descendants("tbody").Single().Elements("tr"));
    }

    [Theory]
    [InlineData("/api/dashboard/procedures?patientRef=someone%40example.org", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboard/procedures?continuationToken=not-a-token", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboard/procedures/%F0%9F%92%A5", HttpStatusCode.NotFound)]
    public async Task Wrong_input_on_a_staff_page_gets_a_page_never_a_500(string path, HttpStatusCode expected)
    {
        var clinic = await app.CreateClinicAsync();
        var (status, html, _) = await PageAsync(HttpMethod.Get, path, clinic.ApiKey);
        Assert.Equal(expected, status);
        Assert.NotNull(Parse(html).Descendants("h1").Single());
    }

    /// <summary>Posts the procedure page's answer form as the host calls it (wrapped: the function has a Service Bus output).</summary>
    private async Task<(JsonObject Http, string? Message)> EnterAsync(string procedureId, string key, string form, string fetchSite = "same-origin")
    {
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/dashboard/procedures/{procedureId}/responses", new JsonObject { ["procedureId"] = procedureId }, form);
        var headers = payload["Data"]!["req"]!["Headers"]!.AsObject();
        headers["Content-Type"] = new JsonArray("application/x-www-form-urlencoded");
        headers["Authorization"] = new JsonArray($"Bearer {key}");
        headers["Accept"] = new JsonArray("text/html");
        headers["Sec-Fetch-Site"] = new JsonArray(fetchSite);
        var response = await app.Client.PostAsync("/EnterAnswerPage", payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        return (outputs["res"]!.AsObject(), outputs.TryGetPropertyValue("response", out var m) ? m!.GetValue<string>() : null);
    }

    [Fact]
    public async Task An_answer_taken_by_phone_is_entered_through_the_procedures_form_and_stored_the_patients_way()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0403"));
        var (_, page, _) = await PageAsync(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}", clinic.ApiKey);
        var form = Parse(page).Descendants("form").Single(f => f.Attribute("class")?.Value == "answer");
        Assert.Equal($"/api/dashboard/procedures/{procedureId}/responses", form.Attribute("action")!.Value);
        Assert.Equal(["pain", "answeredOn"], new[] { "pain", "answeredOn" }.Where(id => form.Descendants("input").Any(i => i.Attribute("id")?.Value == id)));

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, "timePoint=1w&answeredOn=2026-03-01&pain=9&medications=paracetamol&medications=strong_opioid&newFracture=unsure");

        Assert.Equal(303, http.Status());
        Assert.NotNull(message);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(message!, "m-page")).StatusCode);
        var (_, after, _) = await PageAsync(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}?entered=1w", clinic.ApiKey);
        Assert.Contains("The 1 week answer was entered", after);
        var surveys = Parse(after).Descendants("table").Single(t => t.Element("caption")!.Value == "Follow-up surveys");
        Assert.Contains(surveys.Descendants("tr"), tr => tr.Value.Contains("pain 9") && tr.Value.Contains("entered by the clinic"));
        var worklist = (await PageAsync(HttpMethod.Get, "/api/dashboard/worklist", clinic.ApiKey)).Html;
        Assert.Contains("Possibly a new fracture", worklist);   // red flags come from a clinic's entry too
        Assert.Contains("Strong opioid started", worklist);
    }

    [Fact]
    public async Task The_answer_form_offers_only_surveys_that_can_take_an_answer_today_and_none_once_a_death_stopped_them()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0405"));
        async Task<XDocument> ProcedurePageAsync() => Parse((await PageAsync(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}", clinic.ApiKey)).Html);

        var offered = (await ProcedurePageAsync()).Descendants("select").Single(e => e.Attribute("id")?.Value == "timePoint").Elements("option").ToList();

        Assert.Equal(["1w"], offered.Select(o => o.Attribute("value")!.Value));   // the later surveys are not open yet
        Assert.EndsWith("to 2026-03-01)", offered[0].Value);                       // up to the clinic's today
        Assert.Equal(HttpStatusCode.Created, (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey,
            new { type = "death", date = "2026-02-23" })).StatusCode);
        var stopped = await ProcedurePageAsync();
        Assert.DoesNotContain(stopped.Descendants("select"), e => e.Attribute("id")?.Value == "timePoint");
        Assert.Contains(stopped.Descendants("p"), p => p.Value.StartsWith("No survey of this procedure can take an answer today", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("timePoint=1w&answeredOn=2026-03-01", "pain")]
    [InlineData("timePoint=1w&answeredOn=2026-03-01&pain=11", "pain")]
    [InlineData("timePoint=2y&answeredOn=2026-03-01&pain=3", "timePoint")]
    [InlineData("timePoint=1w&answeredOn=yesterday&pain=3", "answeredOn")]
    [InlineData("timePoint=1w&answeredOn=2026-03-02&pain=3", "answeredOn")]    // after the clinic's today
    [InlineData("timePoint=3m&answeredOn=2026-03-01&pain=3", "answeredOn")]    // before its window opens
    [InlineData("timePoint=1w&answeredOn=2026-03-01&pain=3&medications=aspirin", "medications")]
    [InlineData("timePoint=1w&answeredOn=2026-03-01&pain=3&newFracture=maybe", "newFracture")]
    public async Task A_wrong_answer_form_comes_back_naming_the_field_and_queues_nothing(string form, string field)
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0404"));

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, form);

        Assert.Equal(400, http.Status());
        Assert.Null(message);
        var page = Parse(http["body"]!.GetValue<string>());
        Assert.NotNull(page.Descendants().SingleOrDefault(e => e.Attribute("id")?.Value == $"{field}-error"));
        Assert.Contains(page.Descendants().Where(e => e.Attribute("role")?.Value == "alert").Descendants("a"), a => a.Attribute("href")!.Value == $"#{field}");
        var target = Assert.Single(page.Descendants(), e => e.Attribute("id")?.Value == field);   // the link lands on the field itself
        Assert.True(target.Name.LocalName is "input" or "select", $"#{field} is a <{target.Name.LocalName}>, not a field");
    }

    [Fact]
    public async Task An_answer_form_sent_from_another_site_queues_nothing()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0405"));

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, "timePoint=1w&answeredOn=2026-03-01&pain=3", fetchSite: "cross-site");

        Assert.Equal(403, http.Status());
        Assert.Null(message);
    }
}
