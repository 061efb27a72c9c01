using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

using static Outcomes.Functions.Tests.RegistrationPage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The staff's form to register a procedure (<c>/api/dashboard/register</c>), signed in with the dashboard's cookie or,
/// as a browser's cookie stands for it, the clinic's key. The clock says 2026-03-01; the clinics are in Amsterdam.
/// </summary>
public sealed partial class RegistrationPageTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Register = RegistrationPage.Path;

    private RegistrationPage Form => field ??= new RegistrationPage(app);

    [Fact]
    public async Task The_form_shows_for_a_clinic_every_field_labelled_with_a_new_key_each_time_and_today_as_the_latest_day()
    {
        var clinic = await app.CreateClinicAsync();

        var response = await Form.SendAsync(HttpMethod.Get, clinic.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = Parse(await response.Content.ReadAsStringAsync());
        var form = page.Descendants("form").Single(f => f.Attribute("action")?.Value == Register);
        Assert.Equal("post", form.Attribute("method")!.Value);
        Assert.Matches("^[0-9a-f]{32}$", KeyOf(page));
        Assert.NotEqual(KeyOf(page), await Form.FreshKeyAsync(clinic.ApiKey));
        var date = form.Descendants("input").Single(i => i.Attribute("id")?.Value == "procedureDate");
        Assert.Equal(("date", "2026-03-01"), (date.Attribute("type")!.Value, date.Attribute("max")!.Value));
        var labelled = form.Descendants("label").Select(l => l.Attribute("for")?.Value).OfType<string>().ToHashSet();
        foreach (var field in form.Descendants().Where(e => e.Name.LocalName is "input" or "select" && e.Attribute("type")?.Value != "hidden"))
            Assert.True(labelled.Contains(field.Attribute("id")?.Value ?? "") || field.Parent!.Name.LocalName == "label", $"{field.Attribute("name")!.Value} has no label");
        foreach (var personal in new[] { "patientRef", "email", "phone" })
            Assert.Equal("off", form.Descendants("input").Single(i => i.Attribute("id")?.Value == personal).Attribute("autocomplete")!.Value);
        Assert.Equal(["Procedure", "Treated vertebrae", "Cause of the fracture", "Before the procedure", "Pain medication in use"],
            form.Descendants("legend").Select(l => l.Value).Take(5));
        Assert.Contains(page.Descendants("nav").Single().Elements("a"), a => a.Attribute("href")!.Value == Register && a.Value == "Register a procedure");
    }

    [Fact]
    public async Task Find_a_patient_offers_the_form_when_the_clinic_has_nothing_registered()
    {
        var clinic = await app.CreateClinicAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/procedures") { Headers = { Authorization = new("Bearer", clinic.ApiKey) } };

        var page = Parse(await (await Form.Browser.SendAsync(request)).Content.ReadAsStringAsync());

        var empty = page.Descendants("p").Single(p => p.Attribute("class")?.Value == "empty");
        Assert.Equal(Register, empty.Element("a")!.Attribute("href")!.Value);
    }

    [Fact]
    public async Task An_analyst_can_neither_see_the_form_nor_register()
    {
        var clinic = await app.CreateClinicAsync();
        var analyst = (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

        var shown = await Form.SendAsync(HttpMethod.Get, analyst);
        var posted = await Form.PostAsync(analyst, Filled(await Form.FreshKeyAsync(clinic.ApiKey), "NSC-R-0001"));

        Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("Not for this key", await posted.Content.ReadAsStringAsync());
        Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_signed_in_coordinator_registers_through_the_form_and_lands_on_the_procedures_page_with_its_five_surveys()
    {
        var clinic = await app.CreateClinicAsync();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/sign-in") { Content = new StringContent("key=" + Uri.EscapeDataString(clinic.ApiKey), Encoding.UTF8, "application/x-www-form-urlencoded") };
        signIn.Headers.Add("Origin", "http://localhost");
        var cookie = Assert.Single((await Form.Browser.SendAsync(signIn)).Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var get = new HttpRequestMessage(HttpMethod.Get, Register) { Headers = { { "Cookie", cookie }, { "Accept", "text/html" } } };
        var key = KeyOf(Parse(await (await Form.Browser.SendAsync(get)).Content.ReadAsStringAsync()));
        using var post = new HttpRequestMessage(HttpMethod.Post, Register)
        {
            Content = new StringContent(Encoded(Filled(key, "NSC-R-0002")), Encoding.UTF8, "application/x-www-form-urlencoded"),
            Headers = { { "Cookie", cookie }, { "Accept", "text/html" }, { "Origin", "http://localhost" } },
        };

        var response = await Form.Browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var procedureId = ProcedureIdIn().Match(location) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException(location);
        Assert.Equal([procedureId], await Form.ProceduresOfAsync(clinic));
        var stored = (await app.Service<IProcedureStore>().FindAsync(procedureId, CancellationToken.None))!;
        var r = stored.Procedure.Registration;
        Assert.Equal(("NSC-R-0002", "Kyphoplasty", new DateOnly(2026, 2, 20), "T12,L1", "Osteoporotic"),
            (r.PatientRef, r.ProcedureType.ToString(), r.ProcedureDate, string.Join(",", r.Levels), r.Etiology.ToString()));
        Assert.Equal((8, "Paracetamol,WeakOpioid"), (r.Baseline.Pain.Value, string.Join(",", r.Baseline.Medications)));
        Assert.Equal(("patient.reg@example.org", "+49301234567", "es"), (r.Contact.Email, r.Contact.Phone, r.Contact.Language));
        Assert.Equal((6.5m, 3m), (r.Details.CementVolumeMl, r.Details.Kyphoplasty!.HeightRestoredMm));
        Assert.Equal(TimePoint.All, stored.FollowUps.Select(f => f.FollowUp.TimePoint));
        using var landing = new HttpRequestMessage(HttpMethod.Get, location) { Headers = { { "Cookie", cookie }, { "Accept", "text/html" } } };
        var page = await (await Form.Browser.SendAsync(landing)).Content.ReadAsStringAsync();
        Assert.Contains("Registered: the procedure of NSC-R-0002", page);
        Assert.Equal(5, Parse(page).Descendants("table").Single(t => t.Element("caption")!.Value == "Follow-up surveys").Element("tbody")!.Elements("tr").Count());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("patient.reg@example.org") || l.Contains("+49301234567") || l.Contains("30 1234567"));
    }

    [Fact]
    public async Task The_same_form_sent_twice_registers_one_procedure_and_both_posts_end_at_it()
    {
        var clinic = await app.CreateClinicAsync();
        var form = Filled(await Form.FreshKeyAsync(clinic.ApiKey), "NSC-R-0003");

        var posts = await Task.WhenAll(Form.PostAsync(clinic.ApiKey, form), Form.PostAsync(clinic.ApiKey, form));
        var third = await Form.PostAsync(clinic.ApiKey, form);

        Assert.All(posts.Append(third), p => Assert.Equal(HttpStatusCode.SeeOther, p.StatusCode));
        Assert.Single(posts.Append(third).Select(p => p.Headers.Location!.OriginalString).Distinct());
        Assert.Single(await Form.ProceduresOfAsync(clinic));
    }

    [Fact]
    public async Task The_forms_key_sent_again_with_other_details_registers_nothing_more_and_says_where_the_first_went()
    {
        var clinic = await app.CreateClinicAsync();
        var key = await Form.FreshKeyAsync(clinic.ApiKey);
        var first = await Form.PostAsync(clinic.ApiKey, Filled(key, "NSC-R-0004"));

        var again = await Form.PostAsync(clinic.ApiKey, Filled(key, "NSC-R-0005"));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var page = Parse(await again.Content.ReadAsStringAsync());
        var alert = page.Descendants("div").Single(d => d.Attribute("role")?.Value == "alert");
        Assert.Contains(alert.Descendants("a"), a => first.Headers.Location!.OriginalString.StartsWith(a.Attribute("href")!.Value, StringComparison.Ordinal));
        Assert.NotEqual(key, KeyOf(page));
        Assert.Single(await Form.ProceduresOfAsync(clinic));
    }

    [GeneratedRegex("^/api/dashboard/procedures/([0-9a-f]{32})\\?registered=1$")]
    private static partial Regex ProcedureIdIn();
}
