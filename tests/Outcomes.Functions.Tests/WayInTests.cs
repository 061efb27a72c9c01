using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The defects the review found in the way in, each by name: login CSRF on the dashboard's sign-in and sign-out, form
/// posts from another site on the patients' pages, the sign-in form's 500s, the dashboard's garbled "no clinic" detail;
/// and what the one way in promises: the cookie holds no key, and revoking the key ends the session.
/// </summary>
public sealed class WayInTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string SignIn = "/api/dashboard/sign-in", SignOut = "/api/dashboard/sign-out", Dashboard = "/api/dashboard";

    private HttpClient Browser => field ??= app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Form(string path, string body, string? origin, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Accept.ParseAdd("text/html");
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return request;
    }

    private async Task<string> SignedInCookieAsync(string key)
    {
        var response = await Browser.SendAsync(Form(SignIn, "key=" + Uri.EscapeDataString(key), origin: "http://localhost"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    public async Task Signing_in_from_another_sites_page_is_refused_and_sets_no_cookie(string origin)
    {
        var clinic = await app.CreateClinicAsync();

        var response = await Browser.SendAsync(Form(SignIn, "key=" + Uri.EscapeDataString(clinic.ApiKey), origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("another site", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cross_site_fetch_of_the_sign_in_is_refused_even_without_an_origin()
    {
        var clinic = await app.CreateClinicAsync();
        var request = Form(SignIn, "key=" + Uri.EscapeDataString(clinic.ApiKey), origin: null);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("same-site", HttpStatusCode.Forbidden)]
    [InlineData("same-origin", HttpStatusCode.SeeOther)]
    public async Task Fetch_metadata_decides_where_the_browser_sends_it_even_with_a_null_origin(string site, HttpStatusCode expected)
    {
        var clinic = await app.CreateClinicAsync();
        var request = Form(SignIn, "key=" + Uri.EscapeDataString(clinic.ApiKey), origin: "null");
        request.Headers.Add("Sec-Fetch-Site", site);

        var response = await Browser.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_from_another_sites_page_is_refused_and_the_session_stays()
    {
        var clinic = await app.CreateClinicAsync();
        var cookie = await SignedInCookieAsync(clinic.ApiKey);

        var forged = await Browser.SendAsync(Form(SignOut, "", "https://evil.example", cookie));
        var own = await Browser.SendAsync(Form(SignOut, "", "http://localhost", cookie));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.SeeOther, own.StatusCode);
    }

    [Fact]
    public async Task The_cookie_holds_no_key_and_revoking_the_key_ends_the_session()
    {
        var clinic = await app.CreateClinicAsync();
        var cookie = await SignedInCookieAsync(clinic.ApiKey);
        var open = new HttpRequestMessage(HttpMethod.Get, Dashboard) { Headers = { { "Cookie", cookie } } };
        open.Headers.Accept.ParseAdd("text/html");

        var before = await Browser.SendAsync(open);
        await app.SendAsync(HttpMethod.Delete, $"/api/clinics/{clinic.ClinicId}/keys/{clinic.KeyId}", OutcomesApp.AdminKey);
        var after = new HttpRequestMessage(HttpMethod.Get, Dashboard) { Headers = { { "Cookie", cookie } } };
        after.Headers.Accept.ParseAdd("text/html");
        var revoked = await Browser.SendAsync(after);

        Assert.DoesNotContain(clinic.ApiKey, Uri.UnescapeDataString(cookie));
        Assert.DoesNotContain(clinic.ApiKey[3..15], cookie);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, revoked.StatusCode);
        Assert.Equal(SignIn, revoked.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("key=%00")]
    [InlineData("key=oc_%00%00")]
    [InlineData("key=%1b%5b31m")]
    [InlineData("key=%ff%fe")]
    [InlineData("key=%")]
    [InlineData("key")]
    public async Task The_sign_in_form_answers_a_key_no_key_looks_like_with_the_form_not_a_500(string body)
    {
        var response = await Browser.SendAsync(Form(SignIn, body, "http://localhost"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_sign_in_form_answers_a_chunked_body_over_its_limit_with_a_413_page()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SignIn) { Content = new StreamContent(new ChunkedOnly(Encoding.UTF8.GetBytes("key=" + new string('a', 100_000)))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_survey_answer_posted_from_another_sites_page_is_refused_and_queues_nothing()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-" + Guid.NewGuid().ToString("N")[..8]));
        var token = app.TokenFor($"{procedureId}_1w");
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/surveys/{token}", new JsonObject { ["token"] = token }, "pain=3");
        payload["Data"]!["req"]!["Headers"] = new JsonObject
        {
            ["Content-Type"] = new JsonArray("application/x-www-form-urlencoded"), ["Origin"] = new JsonArray("https://evil.example"),
        };

        var response = await app.Client.PostAsync("/SubmitSurveyResponse", payload);

        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        Assert.Equal(403, outputs["res"]!.AsObject().Status());
        Assert.False(outputs.ContainsKey("response"));
    }

    [Fact]
    public async Task An_opt_out_posted_from_another_sites_page_is_refused_and_a_mail_providers_one_click_still_works()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-" + Guid.NewGuid().ToString("N")[..8]));
        var token = app.TokenFor($"{procedureId}_1w");

        var forged = await Browser.SendAsync(Form($"/api/surveys/{token}/opt-out", "List-Unsubscribe=One-Click", "https://evil.example"));
        var stillOpen = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.FollowUp.Status;
        var oneClick = await Browser.SendAsync(Form($"/api/surveys/{token}/opt-out", "List-Unsubscribe=One-Click", origin: null));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.NotEqual(FollowUpStatus.Cancelled, stillOpen);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(FollowUpStatus.Cancelled, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.FollowUp.Status);
    }

    [Fact]
    public async Task Asking_the_dashboard_for_an_unknown_clinic_names_it_once()
    {
        var analyst = (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

        var response = await app.SendAsync(HttpMethod.Get, $"{Dashboard}?clinicId=nowhere", analyst);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = (await response.ReadProblemAsync())["detail"]!.GetValue<string>();
        Assert.Equal("There is no clinic 'nowhere'.", detail);
    }

    /// <summary>A stream that will not say its length, so the request goes chunked.</summary>
    private sealed class ChunkedOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
