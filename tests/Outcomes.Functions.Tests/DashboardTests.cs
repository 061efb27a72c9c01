using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Outcomes.Functions.Tests.Dashboard;

namespace Outcomes.Functions.Tests;

/// <summary>
/// GET /api/dashboard and its sign-in through the real handler on real Azurite, after answers that went the whole
/// pipeline: the sign-in form and its cookie, bearer keys, App Service built-in authentication (trusted only when the
/// platform says it is on), and who sees what.
/// </summary>
/// <remarks>The fixture's tables are this class's own, so a cross-clinic view sees only the clinics its tests create.</remarks>
public sealed class DashboardTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Dashboard = "/api/dashboard", SignIn = "/api/dashboard/sign-in", SignOut = "/api/dashboard/sign-out";

    /// <summary>A browser-like client that neither follows redirects nor keeps cookies: each test reads them itself.</summary>
    private HttpClient Browser => field ??= app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static JsonObject Registration(string date, string patientRef)
    {
        var registration = Pipeline.Registration(date, patientRef);
        registration["procedureType"] = "vertebroplasty";
        return registration;
    }

    /// <summary>Registers a procedure, runs the timer and answers its <paramref name="timePoint"/> survey with <paramref name="pain"/>.</summary>
    private async Task AnsweredAsync(Access.RegisteredClinic clinic, string date, string patientRef, int pain, string timePoint = "1w")
    {
        var procedureId = await app.RegisterAsync(clinic, Registration(date, patientRef));
        await app.RunTimerAsync();
        var (_, message) = await app.SubmitAsync(app.TokenFor($"{procedureId}_{timePoint}"), $"{{\"pain\":{pain},\"medications\":[\"none\"]}}");
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();
    }

    private async Task<Access.RegisteredClinic> ClinicWithAnswersAsync(string name)
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync(name);
        await AnsweredAsync(clinic, "2026-02-20", $"{name[..3]}-1", 3);
        await AnsweredAsync(clinic, "2026-02-21", $"{name[..3]}-2", 5);
        return clinic;
    }

    private async Task<string> AnalystKeyAsync() =>
        (await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync())["apiKey"]!.GetValue<string>();

    private static HttpRequestMessage Get(string path, string? cookie = null, string accept = "text/html,application/xhtml+xml")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        return request;
    }

    private static HttpRequestMessage Post(string path, string? key, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = key is null ? null : new FormUrlEncodedContent([new("key", key)]),
        };
        request.Headers.Accept.ParseAdd("text/html");
        if (host is not null)
            request.Headers.Host = host;
        return request;
    }

    /// <summary>Signs in through the form; returns the cookie pair ("name=value") to send back, and the Set-Cookie header.</summary>
    private async Task<(string Cookie, string SetCookie)> SignInAsync(string key)
    {
        var response = await Browser.SendAsync(Post(SignIn, key));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Dashboard, response.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (setCookie.Split(';')[0], setCookie);
    }

    private async Task<(HttpResponseMessage Response, string Html)> PageAsync(HttpRequestMessage request)
    {
        var response = await Browser.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static XDocument Parse(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(html["<!doctype html>".Length..]);
    }

    private static void AssertPageHeaders(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("img-src data:", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static XElement Chart(XDocument page, string id) =>
        page.Descendants(Svg.Ns + "svg").Single(s => s.Attribute("id")?.Value == id);

    [Fact]
    public async Task A_clinic_signs_in_through_the_form_and_its_dashboard_shows_its_own_pain_trajectory_beside_tan2015()
    {
        var clinic = await ClinicWithAnswersAsync("Spine Centre North");

        var (formResponse, form) = await PageAsync(Get(SignIn));
        var (cookie, setCookie) = await SignInAsync(clinic.ApiKey);
        var (response, html) = await PageAsync(Get(Dashboard, cookie));

        Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
        AssertPageHeaders(formResponse);
        var formPage = Parse(form);
        var input = formPage.Descendants("input").Single(i => i.Attribute("name")?.Value == "key");
        Assert.Equal("password", input.Attribute("type")!.Value);
        Assert.Contains(formPage.Descendants("label"), l => l.Attribute("for")?.Value == input.Attribute("id")!.Value);
        Assert.Equal(("post", SignIn), (formPage.Descendants("form").Single().Attribute("method")!.Value, formPage.Descendants("form").Single().Attribute("action")!.Value));
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("outcomes_dashboard=", cookie);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/api/dashboard", attributes);
        Assert.DoesNotContain("secure", attributes);   // plain http to localhost
        Assert.DoesNotContain(clinic.ApiKey, Uri.UnescapeDataString(setCookie));   // sealed, not the key in clear
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPageHeaders(response);
        var page = Parse(html);
        Assert.Contains("Spine Centre North", page.Descendants("h1").Single().Value);
        var points = Chart(page, "chart-pain").WithClass("series").Single().Elements(Svg.Ns + "circle").ToList();
        Assert.Equal(["baseline", "1w"], points.Select(p => p.Attribute("data-category")!.Value));
        var painRow = page.Descendants("table").First(t => t.Element("caption")!.Value == "Pain by time point").Descendants("tr")
            .Single(r => r.Element("th")?.Value == "1 week").Elements("td").Select(td => td.Value).ToList();
        Assert.Equal(["2", "4.0"], painRow.Take(2));
        Assert.Contains(page.Descendants("li"), l => l.Attribute("id")?.Value == "study-tan2015" && l.Value.Contains("Tan"));
        Assert.NotNull(Chart(page, "chart-response"));
        Assert.NotNull(Chart(page, "chart-medication"));
        Assert.DoesNotContain(page.Descendants("section"), s => s.Attribute("id")?.Value == "funnel");
        Assert.Equal(SignOut, page.Descendants("form").Single().Attribute("action")!.Value);
        Assert.DoesNotContain(clinic.ApiKey, html);
        Assert.DoesNotContain("NSC-", html);
        Assert.DoesNotContain("example.org", html);
    }

    [Fact]
    public async Task A_wrong_key_gets_the_form_again_with_the_error_and_no_cookie()
    {
        var (response, html) = await PageAsync(Post(SignIn, "oc_not-a-key-at-all"));
        var (empty, _) = await PageAsync(Post(SignIn, ""));
        var (admin, adminHtml) = await PageAsync(Post(SignIn, OutcomesApp.AdminKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertPageHeaders(response);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var page = Parse(html);
        Assert.Contains("not valid", page.Descendants("div").Single(d => d.Attribute("role")?.Value == "alert").Value);
        Assert.Equal("true", page.Descendants("input").Single().Attribute("aria-invalid")?.Value);
        Assert.Null(page.Descendants("input").Single().Attribute("value"));
        Assert.DoesNotContain("oc_not-a-key-at-all", html);
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.False(admin.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(OutcomesApp.AdminKey, adminHtml);
    }

    [Fact]
    public async Task Without_a_way_in_a_browser_is_sent_to_the_sign_in_form_and_an_api_client_gets_a_401_problem()
    {
        var browser = await Browser.SendAsync(Get(Dashboard));
        var api = await Browser.SendAsync(Get(Dashboard, accept: "application/json"));
        var tampered = await Browser.SendAsync(Get(Dashboard, "outcomes_dashboard=test%3AAAAA%3ABBBB"));
        var badBearer = Get(Dashboard, accept: "application/json");
        badBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "oc_unknown");
        var bad = await Browser.SendAsync(badBearer);

        Assert.Equal(HttpStatusCode.SeeOther, browser.StatusCode);
        Assert.Equal(SignIn, browser.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("urn:outcomes:problem:unauthenticated", (await api.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.SeeOther, tampered.StatusCode);
        Assert.Contains(tampered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("outcomes_dashboard=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970"));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("invalid_token", bad.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_bearer_key_opens_the_dashboard_and_signing_out_clears_the_cookie_and_an_expired_session_no_longer_opens()
    {
        var clinic = await ClinicWithAnswersAsync("Spine Centre Bearer");
        var withBearer = Get(Dashboard);
        withBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        var (cookie, _) = await SignInAsync(clinic.ApiKey);

        var (bearer, bearerHtml) = await PageAsync(withBearer);
        var signOut = Post(SignOut, key: null);
        signOut.Headers.Add("Cookie", cookie);
        var signedOut = await Browser.SendAsync(signOut);
        app.Clock.Now += TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1);
        var expired = await Browser.SendAsync(Get(Dashboard, cookie));

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Contains("Spine Centre Bearer", bearerHtml);
        Assert.Empty(Parse(bearerHtml).Descendants("form"));   // no session to sign out of
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal(SignIn, signedOut.Headers.Location?.OriginalString);
        var cleared = Assert.Single(signedOut.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("outcomes_dashboard=;", cleared);
        Assert.Contains("path=/api/dashboard", cleared);
        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);
    }

    [Fact]
    public async Task The_cookie_is_secure_for_any_host_but_localhost()
    {
        var clinic = await ClinicWithAnswersAsync("Spine Centre Secure");

        var response = await Browser.SendAsync(Post(SignIn, clinic.ApiKey, host: "outcomes.example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()));
    }

    [Fact]
    public async Task A_clinic_never_sees_another_clinics_numbers()
    {
        var mine = await ClinicWithAnswersAsync("Spine Centre West");
        var theirs = await app.CreateClinicAsync("Spine Centre East");
        await AnsweredAsync(theirs, "2026-02-22", "EAS-1", 0);
        var (cookie, _) = await SignInAsync(mine.ApiKey);

        var (own, ownHtml) = await PageAsync(Get(Dashboard, cookie));
        var (other, otherHtml) = await PageAsync(Get($"{Dashboard}?clinicId={theirs.ClinicId}", cookie));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("Spine Centre East", ownHtml);
        var week = Parse(ownHtml).Descendants("tr").First(r => r.Element("th")?.Value == "1 week").Elements("td").Select(td => td.Value).ToList();
        Assert.Equal(["2", "4.0"], week.Take(2));   // pain 3 and 5; East's 0 is not in it
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("Spine Centre East", otherHtml);
    }

    /// <summary>Clock 2026-06-01: two clinics, six procedures each in late February answered at three months.</summary>
    private async Task<(Access.RegisteredClinic North, Access.RegisteredClinic South)> TwoClinicsAtThreeMonthsAsync(string tag)
    {
        app.Clock.Now = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var (north, south) = (await app.CreateClinicAsync($"Funnel North {tag}"), await app.CreateClinicAsync($"Funnel South {tag}"));
        for (var i = 0; i < 6; i++)
        {
            await AnsweredAsync(north, $"2026-02-{20 + i}", $"FN-{i}", 2 + i % 3, "3m");
            await AnsweredAsync(south, $"2026-02-{20 + i}", $"FS-{i}", 5 + i % 3, "3m");
        }
        return (north, south);
    }

    [Fact]
    public async Task An_analyst_sees_all_clinics_under_suppression_with_the_case_mix_adjusted_funnel_and_a_clinic_does_not()
    {
        var (north, _) = await TwoClinicsAtThreeMonthsAsync("A");
        var (cookie, _) = await SignInAsync(await AnalystKeyAsync());
        var (clinicCookie, _) = await SignInAsync(north.ApiKey);

        var (response, html) = await PageAsync(Get($"{Dashboard}?from=2026-02&to=2026-02", cookie));
        var (_, clinicHtml) = await PageAsync(Get($"{Dashboard}?from=2026-02&to=2026-02", clinicCookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(html);
        Assert.Contains("All clinics", page.Descendants("h1").Single().Value);
        Assert.Contains("fewer than 5 patients, or that a narrower view would reveal by subtraction, are suppressed", html);
        var rows = page.Descendants("table").Single(t => t.Element("caption")!.Value == "Clinics on the funnel plot").Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Contains("Funnel North A", rows.Select(r => r.Element("th")!.Value));
        Assert.Contains("Funnel South A", rows.Select(r => r.Element("th")!.Value));
        Assert.Equal(rows.Count, Chart(page, "chart-funnel").WithClass("clinic").OutsideLegend().Count());
        Assert.Contains("Adjusted change", page.Descendants("th").Select(th => th.Value));
        Assert.Contains("indirect standardisation", html);
        Assert.DoesNotContain("FN-", html);
        Assert.DoesNotContain("chart-funnel", clinicHtml);
        Assert.DoesNotContain("Funnel South A", clinicHtml);
    }

    [Fact]
    public async Task An_analyst_choosing_a_clinic_under_five_patients_sees_it_suppressed_and_the_funnel_leaves_it_off()
    {
        await TwoClinicsAtThreeMonthsAsync("B");
        var small = await app.CreateClinicAsync("Funnel Small");
        for (var i = 0; i < 2; i++)
            await AnsweredAsync(small, $"2026-02-2{i}", $"FSM-{i}", 4, "3m");
        var analyst = Get($"{Dashboard}?from=2026-02&to=2026-02&clinicId={small.ClinicId}");
        analyst.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AnalystKeyAsync());

        var (response, html) = await PageAsync(analyst);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(html);
        Assert.Contains("Funnel Small", page.Descendants("h1").Single().Value);
        var threeMonths = page.Descendants("tr").First(r => r.Element("th")?.Value == "3 months");
        Assert.Equal("suppressed", threeMonths.Attribute("class")?.Value);
        var funnelRows = page.Descendants("table").Single(t => t.Element("caption")!.Value == "Clinics on the funnel plot").Descendants("tbody").Single().Elements("tr");
        Assert.DoesNotContain(funnelRows, r => r.Element("th")!.Value == "Funnel Small");
    }

    private static string Principal(params (string Type, string Value)[] claims) => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["auth_typ"] = "aad",
        ["name_typ"] = "name",
        ["role_typ"] = "roles",
        ["claims"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject { ["typ"] = c.Type, ["val"] = c.Value }).ToArray()),
    }.ToJsonString()));

    private static HttpRequestMessage AsEasyAuthUser(string principal, string path = Dashboard)
    {
        var request = Get(path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        return request;
    }

    [Fact]
    public async Task The_easy_auth_header_is_trusted_only_when_app_service_says_its_authentication_is_on()
    {
        var clinic = await ClinicWithAnswersAsync("Spine Centre Entra");
        const string objectId = "5f1c2b7e-0000-4000-8000-00000000e0a1";
        using var easyAuth = app.WithWebHostBuilder(b => b
            .UseSetting("WEBSITE_AUTH_ENABLED", "True")
            .UseSetting("Outcomes:DashboardClinics", $"other-object=nowhere; {objectId}={clinic.ClinicId}"));
        var enabled = easyAuth.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var analyst = Principal(("name", "Ana Lyst"), ("roles", "Outcomes.Analyst"));
        var clinicRole = Principal(("name", "Clare"), ("roles", $"Outcomes.Clinic.{clinic.ClinicId}"));
        var mapped = Principal(("name", "Max"), ("http://schemas.microsoft.com/identity/claims/objectidentifier", objectId));
        var nobody = Principal(("name", "Nobody Special"), ("roles", "Reader"));

        var ignored = await Browser.SendAsync(AsEasyAuthUser(analyst));
        var asAnalyst = await enabled.SendAsync(AsEasyAuthUser(analyst));
        var asClinic = await enabled.SendAsync(AsEasyAuthUser(clinicRole));
        var asMapped = await enabled.SendAsync(AsEasyAuthUser(mapped));
        var asNobody = await enabled.SendAsync(AsEasyAuthUser(nobody));
        var form = await (await enabled.SendAsync(Get(SignIn))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SeeOther, ignored.StatusCode);   // anyone could send the header here
        Assert.Equal(HttpStatusCode.OK, asAnalyst.StatusCode);
        Assert.Contains("All clinics", await asAnalyst.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, asClinic.StatusCode);
        Assert.Contains("Outcomes: Spine Centre Entra", await asClinic.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, asMapped.StatusCode);
        Assert.Contains("Outcomes: Spine Centre Entra", await asMapped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, asNobody.StatusCode);
        Assert.Contains("Nobody Special", await asNobody.Content.ReadAsStringAsync());
        Assert.Contains("/.auth/login/aad", form);
    }
}
