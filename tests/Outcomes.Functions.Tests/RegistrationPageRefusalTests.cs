using System.Net;
using System.Text;
using System.Xml.Linq;

using static Outcomes.Functions.Tests.RegistrationPage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// What the registration form refuses: every wrong field named at the top and beside the field, the values kept, a
/// 400 and nothing stored; a form with a key the page did not give; another site's post; a body far larger than the form.
/// </summary>
public sealed class RegistrationPageRefusalTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private RegistrationPage Form => field ??= new RegistrationPage(app);

    private static void AssertNamed(XDocument page, string field)
    {
        var summary = page.Descendants("div").Single(d => d.Attribute("role")?.Value == "alert");
        Assert.Contains(summary.Descendants("a"), a => a.Attribute("href")!.Value == $"#{field}");
        Assert.NotNull(page.Descendants().SingleOrDefault(e => e.Attribute("id")?.Value == $"{field}-error"));
        Assert.NotNull(page.Descendants().SingleOrDefault(e => e.Attribute("id")?.Value == field));
    }

    [Theory]
    [InlineData("patientRef", null, "patientRef")]
    [InlineData("patientRef", "someone@example.org", "patientRef")]
    [InlineData("patientRef+", "NSC-R-TWICE", "patientRef")]
    [InlineData("procedureType", null, "procedureType")]
    [InlineData("procedureType", "balloon", "procedureType")]
    [InlineData("procedureDate", "2026-03-02", "procedureDate")]     // after the clinic's today
    [InlineData("procedureDate", "1999-12-31", "procedureDate")]
    [InlineData("procedureDate", "yesterday", "procedureDate")]
    [InlineData("levels", null, "levels")]
    [InlineData("levels", "T13", "levels")]
    [InlineData("levels+", "T12", "levels")]                          // T12 twice
    [InlineData("etiology", null, "etiology")]
    [InlineData("etiology", "gravity", "etiology")]
    [InlineData("baselinePain", null, "baselinePain")]
    [InlineData("baselinePain", "11", "baselinePain")]
    [InlineData("baselinePain", "four", "baselinePain")]
    [InlineData("baselineMedications", null, "baselineMedications")]
    [InlineData("baselineMedications+", "none", "baselineMedications")] // none beside paracetamol
    [InlineData("baselineMedications+", "aspirin", "baselineMedications")]
    [InlineData("email", "not-an-address", "email")]
    [InlineData("phone", "12345", "phone")]
    [InlineData("language", "!!", "language")]
    [InlineData("operator", "barber", "operator")]
    [InlineData("anesthesia", "hypnosis", "anesthesia")]
    [InlineData("discharge", "never", "discharge")]
    [InlineData("cementVolumeMl", "99", "cementVolumeMl")]
    [InlineData("cementVolumeMl", "lots", "cementVolumeMl")]
    [InlineData("complications+", "bruise", "complications")]
    [InlineData("kyphoticAngleAfter", "120", "kyphoticAngleAfter")]
    public async Task A_wrong_field_comes_back_named_with_the_values_kept_and_nothing_stored(string field, string? value, string named)
    {
        var clinic = await app.CreateClinicAsync();
        var key = await Form.FreshKeyAsync(clinic.ApiKey);

        var response = await Form.PostAsync(clinic.ApiKey, Filled(key, "NSC-R-0101", (field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        AssertNamed(page, named);
        Assert.Equal(key, KeyOf(page));   // the same form, sent again once corrected, still registers once
        Assert.Equal(field == "email" ? value : "patient.reg@example.org", page.Descendants("input").Single(i => i.Attribute("id")?.Value == "email").Attribute("value")!.Value);
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Fact]
    public async Task Neither_an_e_mail_address_nor_a_phone_is_refused_at_the_e_mail_field()
    {
        var clinic = await app.CreateClinicAsync();

        var response = await Form.PostAsync(clinic.ApiKey, Filled(await Form.FreshKeyAsync(clinic.ApiKey), "NSC-R-0102", ("email", null), ("phone", "")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNamed(Parse(await response.Content.ReadAsStringAsync()), "email");
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Fact]
    public async Task An_empty_form_names_every_field_it_needs()
    {
        var clinic = await app.CreateClinicAsync();

        var response = await Form.PostAsync(clinic.ApiKey, [new("idempotencyKey", await Form.FreshKeyAsync(clinic.ApiKey))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "patientRef", "procedureType", "procedureDate", "levels", "etiology", "baselinePain", "baselineMedications", "email" })
            AssertNamed(page, field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("<b>0123456789abcdef0123456789abcd</b>")]
    [InlineData("0123456789abcdef\u00000123456789abcdef")]
    public async Task A_form_without_a_key_the_page_gives_registers_nothing_and_comes_back_with_a_new_one(string? key)
    {
        var clinic = await app.CreateClinicAsync();
        var form = Filled("", "NSC-R-0103", ("idempotencyKey", key));

        var response = await Form.PostAsync(clinic.ApiKey, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b>", html);
        var page = Parse(html);
        Assert.Contains("registration key", page.Descendants("div").Single(d => d.Attribute("role")?.Value == "alert").Value);
        Assert.Matches("^[0-9a-f]{32}$", KeyOf(page));
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Fact]
    public async Task A_key_sent_twice_registers_nothing_and_every_link_of_the_error_list_lands_on_the_page()
    {
        var clinic = await app.CreateClinicAsync();
        var key = await Form.FreshKeyAsync(clinic.ApiKey);
        var form = Filled(key, "NSC-R-0105");
        form.Add(new("idempotencyKey", key));

        var response = await Form.PostAsync(clinic.ApiKey, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        var summary = page.Descendants("div").Single(d => d.Attribute("role")?.Value == "alert");
        Assert.Contains("registration key", summary.Value);
        var ids = page.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToHashSet();
        Assert.All(summary.Descendants("a"), a => Assert.Contains(a.Attribute("href")!.Value.TrimStart('#'), ids));
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData(null, "null")]
    public async Task A_form_sent_from_another_site_registers_nothing(string? fetchSite, string? origin)
    {
        var clinic = await app.CreateClinicAsync();

        var response = await Form.PostAsync(clinic.ApiKey, Filled(await Form.FreshKeyAsync(clinic.ApiKey), "NSC-R-0104"), fetchSite, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another site", await response.Content.ReadAsStringAsync());
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_far_larger_than_the_form_is_refused_before_it_is_read_through(bool chunked)
    {
        var clinic = await app.CreateClinicAsync();
        var body = Encoding.UTF8.GetBytes(Encoded(Filled(await Form.FreshKeyAsync(clinic.ApiKey), "NSC-R-0105", ("padding", new string('p', 20 * 1024)))));
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await Form.SendAsync(HttpMethod.Post, clinic.ApiKey, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("far larger than this form", await response.Content.ReadAsStringAsync());
        Assert.Empty(await Form.ProceduresOfAsync(clinic));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("%3Cb%3Ebold%3C%2Fb%3E")]
    [InlineData("1%00")]
    public async Task A_registered_notice_the_form_never_links_to_is_refused_with_a_page(string value)
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-R-0106"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/procedures/{procedureId}?registered={value}") { Headers = { Authorization = new("Bearer", clinic.ApiKey) } };

        var response = await Form.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Not a link Outcomes gives", page.Descendants("h1").Single().Value);
    }

    /// <summary>A body whose length is not known beforehand, so that it is sent without a Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
