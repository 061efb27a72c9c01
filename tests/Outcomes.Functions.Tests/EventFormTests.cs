using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The procedure page's "Record an event" form (POST /api/dashboard/procedures/{id}/events), signed in with the
/// clinic's key as a browser's cookie stands for it. The clock says 2026-03-01 09:00 UTC, 10:00 in Amsterdam.
/// </summary>
public sealed class EventFormTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private HttpClient Browser => field ??= app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string key, string? form = null, string fetchSite = "same-origin")
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (form is not null)
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await Browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> RecordAsync(string procedureId, string key, string form, string fetchSite = "same-origin") =>
        SendAsync(HttpMethod.Post, $"/api/dashboard/procedures/{procedureId}/events", key, form, fetchSite);

    private static XDocument Parse(string html) => XDocument.Parse(html[html.IndexOf("<html", StringComparison.Ordinal)..]);

    /// <summary>A clinic and a procedure of 2026-02-22, its five surveys still to come; the patient's own e-mail address, as an opt-out is remembered for it.</summary>
    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> RegisteredAsync(Access.RegisteredClinic? clinic = null, string? patientRef = null)
    {
        app.Clock.Now = Start;
        clinic ??= await app.CreateClinicAsync();
        var patient = patientRef ?? "NSC-" + Guid.NewGuid().ToString("N")[..8];
        return (clinic, await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patient, email: $"{patient.ToLowerInvariant()}@example.org")));
    }

    private async Task<FollowUpStatus[]> StatusesAsync(string procedureId) =>
        await Task.WhenAll(TimePoint.All.Select(async t => (await app.FollowUpAsync(procedureId, t))!.Record.FollowUp.Status));

    private Task<IReadOnlyList<RecordedPatientEvent>> EventsAsync(string procedureId) =>
        app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None);

    private async Task AssertNothingRecordedAsync(string procedureId)
    {
        Assert.Empty(await EventsAsync(procedureId));
        Assert.DoesNotContain(FollowUpStatus.Cancelled, await StatusesAsync(procedureId));
        Assert.DoesNotContain(await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None),
            e => e.Action == "patient-event-recorded");
    }

    private static XElement Table(XDocument page, string caption) => page.Descendants("table").Single(t => t.Element("caption")!.Value == caption);

    private static string Notice(XDocument page) => page.Descendants("p").Single(p => p.Attribute("role")?.Value == "status").Value;

    [Fact]
    public async Task The_procedure_page_offers_each_event_dated_from_the_procedure_to_today_with_what_it_does_said_before_the_button()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (status, html, _) = await SendAsync(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}", clinic.ApiKey);

        Assert.Equal(HttpStatusCode.OK, status);
        var page = Parse(html);
        var form = page.Descendants("form").Single(f => f.Attribute("class")?.Value == "event");
        Assert.Equal($"/api/dashboard/procedures/{procedureId}/events", form.Attribute("action")!.Value);
        var inputs = form.Descendants("input").ToList();
        Assert.Equal(["death", "withdrawal", "opt_out", "new_fracture"], inputs.Where(i => i.Attribute("name")!.Value == "type").Select(i => i.Attribute("value")!.Value));
        var date = inputs.Single(i => i.Attribute("name")!.Value == "date");
        Assert.Equal(("date", "2026-02-22", "2026-03-01"), (date.Attribute("type")!.Value, date.Attribute("min")!.Value, date.Attribute("max")!.Value));
        Assert.Contains("for a new fracture only", form.Descendants("label").Single(l => l.Attribute("for")?.Value == "event-levels").Value);
        var parts = form.Elements().ToList();
        var consequence = parts.Single(e => e.Attribute("id")?.Value == "event-consequence");
        var button = parts.Single(e => e.Name == "button");
        Assert.True(parts.IndexOf(consequence) < parts.IndexOf(button));
        Assert.Contains("cancels every survey still to come for this patient", consequence.Value);
        Assert.Equal("event-consequence", button.Attribute("aria-describedby")!.Value);
        Assert.Contains("No event is recorded for this procedure yet.", html);
    }

    [Theory]
    [InlineData("death", "", PatientEventType.Death)]
    [InlineData("withdrawal", "", PatientEventType.Withdrawal)]
    [InlineData("opt_out", "", PatientEventType.OptOut)]
    [InlineData("new_fracture", "L1%2C+t12", PatientEventType.NewFracture)]
    public async Task Each_event_is_recorded_through_the_form_and_the_page_says_what_it_did(string type, string levels, PatientEventType expected)
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (status, _, response) = await RecordAsync(procedureId, clinic.ApiKey, $"type={type}&date=2026-02-28&levels={levels}");

        Assert.Equal(HttpStatusCode.SeeOther, status);
        var stored = Assert.Single(await EventsAsync(procedureId));
        Assert.Equal((expected, new DateOnly(2026, 2, 28)), (stored.Event.Type, stored.Event.Date));
        Assert.Equal($"/api/dashboard/procedures/{procedureId}?recorded={stored.EventId:N}", response.Headers.Location!.OriginalString);
        Assert.Equal(expected.StopsSurveys() ? Enumerable.Repeat(FollowUpStatus.Cancelled, 5) : Enumerable.Repeat(FollowUpStatus.Pending, 5), await StatusesAsync(procedureId));
        var (shown, html, _) = await SendAsync(HttpMethod.Get, response.Headers.Location.OriginalString, clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, shown);
        var page = Parse(html);
        Assert.Equal(expected == PatientEventType.NewFracture ? "The new fracture on 2026-02-28 (T12, L1) was recorded; the surveys go on."
            : $"The {(expected == PatientEventType.OptOut ? "opt-out" : type)} on 2026-02-28 was recorded; it cancelled 5 surveys of this procedure that were still to come, and any still to come on the patient's other procedures.",
            Notice(page));
        var row = Assert.Single(Table(page, "Events recorded for this procedure").Descendants("tbody").Single().Elements("tr"));
        Assert.Contains($"clinic key {clinic.KeyId}", row.Value);
        Assert.Contains(Table(page, "Audit trail: who changed what, when").Descendants("tr"), tr => tr.Value.Contains("patient-event-recorded") && tr.Value.Contains($"type: {type}"));
    }

    [Fact]
    public async Task A_form_sent_twice_records_once_and_the_second_answer_says_it_is_already_recorded_not_an_error()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var first = await RecordAsync(procedureId, clinic.ApiKey, "type=death&date=2026-02-28");
        var second = await RecordAsync(procedureId, clinic.ApiKey, "type=death&date=2026-02-28");

        var stored = Assert.Single(await EventsAsync(procedureId));
        Assert.Equal((HttpStatusCode.SeeOther, HttpStatusCode.SeeOther), (first.Status, second.Status));
        Assert.Equal($"/api/dashboard/procedures/{procedureId}?alreadyRecorded={stored.EventId:N}", second.Response.Headers.Location!.OriginalString);
        Assert.Single(await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None), e => e.Action == "patient-event-recorded");
        var page = Parse((await SendAsync(HttpMethod.Get, second.Response.Headers.Location.OriginalString, clinic.ApiKey)).Html);
        Assert.Equal($"The patient's death on 2026-02-28 was already recorded at 2026-03-01 09:00 UTC by clinic key {clinic.KeyId}; it is kept once and was not recorded again.", Notice(page));
        Assert.DoesNotContain(page.Descendants(), e => e.Attribute("role")?.Value == "alert");
    }

    [Theory]
    [InlineData("2026-02-27")]   // the same death sent again: no failure, a notice
    [InlineData("2026-02-28")]   // another day for it: the form again, the day named
    public async Task A_death_already_recorded_on_another_of_the_patients_procedures_is_named_and_not_recorded_again(string day)
    {
        var patientRef = "NSC-TWICE-" + Guid.NewGuid().ToString("N")[..6];
        var (clinic, first) = await RegisteredAsync(patientRef: patientRef);
        var (_, second) = await RegisteredAsync(clinic, patientRef);
        await RecordAsync(first, clinic.ApiKey, "type=death&date=2026-02-27");

        var (status, html, response) = await RecordAsync(second, clinic.ApiKey, $"type=death&date={day}");

        var death = Assert.Single(await EventsAsync(first));
        Assert.Empty(await EventsAsync(second));
        var resent = day == "2026-02-27";
        Assert.Equal(resent ? HttpStatusCode.SeeOther : HttpStatusCode.BadRequest, status);
        var said = resent
            ? Notice(Parse((await SendAsync(HttpMethod.Get, response.Headers.Location!.OriginalString, clinic.ApiKey)).Html))
            : Parse(html).Descendants("p").Single(p => p.Attribute("id")?.Value == "event-date-error").Value;
        Assert.StartsWith($"The patient's death on 2026-02-27 was already recorded, on their procedure {first}, at", said);
        if (resent) Assert.EndsWith($"?alreadyRecorded={death.EventId:N}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("", "type")]
    [InlineData("date=2026-02-28", "type")]
    [InlineData("type=fall&date=2026-02-28", "type")]
    [InlineData("type=death&type=withdrawal&date=2026-02-28", "type")]
    [InlineData("type=death", "date")]
    [InlineData("type=death&date=yesterday", "date")]
    [InlineData("type=death&date=2026-03-02", "date")]     // after the clinic's today
    [InlineData("type=death&date=2026-02-21", "date")]     // before the procedure
    [InlineData("type=death&date=2026-02-28&levels=L1", "levels")]
    [InlineData("type=new_fracture&date=2026-02-28&levels=L6", "levels")]
    [InlineData("type=new_fracture&date=2026-02-28&levels=L2%2C+l2", "levels")]
    [InlineData("type=new_fracture&date=2026-02-28&levels=L1&levels=L2", "levels")]
    public async Task A_wrong_event_form_comes_back_naming_the_field_and_stores_nothing(string form, string field)
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (status, html, _) = await RecordAsync(procedureId, clinic.ApiKey, form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertNothingRecordedAsync(procedureId);
        var page = Parse(html);
        var (target, errorId) = field switch { "type" => ("event-type-death", "event-type-error"), _ => ($"event-{field}", $"event-{field}-error") };
        Assert.NotNull(page.Descendants().SingleOrDefault(e => e.Attribute("id")?.Value == errorId));
        Assert.Contains(page.Descendants().Single(e => e.Attribute("role")?.Value == "alert").Descendants("a"), a => a.Attribute("href")!.Value == $"#{target}");
        Assert.NotNull(page.Descendants().SingleOrDefault(e => e.Attribute("id")?.Value == target));
        var invalid = page.Descendants("input").Where(i => i.Attribute("aria-invalid")?.Value == "true").Select(i => i.Attribute("name")!.Value).Distinct();
        Assert.Contains(field, invalid);
    }

    [Fact]
    public async Task A_refused_form_is_filled_in_again_with_what_was_sent()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (_, html, _) = await RecordAsync(procedureId, clinic.ApiKey, "type=new_fracture&date=2026-03-02&levels=T12%2C+L1");

        var form = Parse(html).Descendants("form").Single(f => f.Attribute("class")?.Value == "event");
        Assert.Equal("checked", form.Descendants("input").Single(i => i.Attribute("id")?.Value == "event-type-new_fracture").Attribute("checked")?.Value);
        Assert.Equal("2026-03-02", form.Descendants("input").Single(i => i.Attribute("id")?.Value == "event-date").Attribute("value")!.Value);
        Assert.Equal("T12, L1", form.Descendants("input").Single(i => i.Attribute("id")?.Value == "event-levels").Attribute("value")!.Value);
        Assert.Contains("is after the clinic's today, 2026-03-01", form.Descendants("p").Single(p => p.Attribute("id")?.Value == "event-date-error").Value);
    }

    [Fact]
    public async Task A_form_from_another_site_or_far_too_large_stores_nothing()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var crossSite = await RecordAsync(procedureId, clinic.ApiKey, "type=death&date=2026-02-28", fetchSite: "cross-site");
        var huge = await RecordAsync(procedureId, clinic.ApiKey, "type=death&date=2026-02-28&padding=" + new string('p', 70 * 1024));

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.Status);
        Assert.Contains("This form was sent from another site", crossSite.Html);
        Assert.Equal(HttpStatusCode.BadRequest, huge.Status);
        Assert.Contains("far larger than this form", huge.Html);
        await AssertNothingRecordedAsync(procedureId);
    }

    [Fact]
    public async Task An_analyst_is_refused_and_another_clinics_procedure_is_a_404_page_and_nothing_is_stored()
    {
        var (_, procedureId) = await RegisteredAsync();
        var other = await app.CreateClinicAsync("Other Spine Centre");
        var analystKey = (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

        var analyst = await RecordAsync(procedureId, analystKey, "type=death&date=2026-02-28");
        var otherClinic = await RecordAsync(procedureId, other.ApiKey, "type=death&date=2026-02-28");
        var unknown = await RecordAsync(Guid.NewGuid().ToString("N"), other.ApiKey, "type=death&date=2026-02-28");

        Assert.Equal(HttpStatusCode.Forbidden, analyst.Status);
        Assert.Equal("Not for this key", Parse(analyst.Html).Descendants("h1").Single().Value);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (otherClinic.Status, unknown.Status));
        Assert.Equal("No such procedure", Parse(otherClinic.Html).Descendants("h1").Single().Value);
        await AssertNothingRecordedAsync(procedureId);
    }

    [Fact]
    public async Task The_pages_notice_link_shows_only_an_event_stored_for_the_patient()
    {
        var (clinic, procedureId) = await RegisteredAsync();
        var (other, theirs) = await RegisteredAsync();
        await RecordAsync(theirs, other.ApiKey, "type=withdrawal&date=2026-02-28");
        var theirEvent = Assert.Single(await EventsAsync(theirs)).EventId.ToString("N");
        var page = $"/api/dashboard/procedures/{procedureId}";

        foreach (var query in new[] { "recorded=x", "recorded=" + Guid.NewGuid().ToString("N"), "alreadyRecorded=" + theirEvent, "recorded=" + theirEvent, "alreadyRecorded=%3Cb%3E" })
        {
            var (status, html, _) = await SendAsync(HttpMethod.Get, $"{page}?{query}", clinic.ApiKey);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("No such event", Parse(html).Descendants("h1").Single().Value);
        }
    }
}
