using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Outcomes.EndToEnd.Tests.Browser;
using Outcomes.Functions.Patients;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Every page Outcomes serves, checked by axe-core in a real headless Chromium against the WCAG 2.0, 2.1 and 2.2 A and
/// AA rules, at a phone's size (390×844) and a laptop's (1366×768), with a screenshot of each kept in the test results:
/// the survey in each language, its error state, the thanks, the opt-out question and its answer, the dashboard's
/// sign-in (and its wrong-key state), the dashboard for a clinic and for an analyst, and the staff pages (a procedure's
/// page with its answer and event forms, refused and done; the procedure registration form with and without its errors).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class AccessibilityBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly PatientTexts Texts = PatientTexts.LoadDefault();
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };

    public static readonly IReadOnlyList<(string Name, int Width, int Height)> Sizes = [("phone", 390, 844), ("laptop", 1366, 768)];

    private string Url(string path) => new Uri(host.Client.BaseAddress!, path).ToString();

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("zh-Hans")]
    public async Task Every_patient_page_meets_WCAG_A_and_AA_on_a_phone_and_a_laptop(string language)
    {
        var t = Texts.For(language);
        var clinic = await TestClinic.CreateInDaytimeAsync(host, $"Spine Centre Axe {language}");
        var email = $"axe-{language.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await clinic.RegisterAsync(host, $"AXE-{language}-{Guid.NewGuid().ToString("N")[..8]}", clinic.Today.AddDays(-7), email, language);
        await host.RunTimerAsync();
        var mail = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count >= 1, Patience, "the invitation e-mail"))[0];
        var link = Url(mail.SurveyLink.PathAndQuery);
        await using var context = await chromium.Browser.NewContextAsync(Options(language));
        var page = await context.NewPageAsync();
        var found = new List<string>();

        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        await CheckAsync(page, $"survey-{language}", found);

        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["survey.submit"], Exact = true }).ClickAsync(), IsFormPost);
        Assert.Equal(400, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, $"survey-{language}-missing-pain", found);

        await page.Locator("input[name=pain][value='3']").CheckAsync(new() { Force = true });
        var sent = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["survey.submit"], Exact = true }).ClickAsync(), IsFormPost);
        Assert.Equal(202, sent.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, $"survey-{language}-thank-you", found);

        Assert.Equal(200, (await page.GotoAsync(link + "/opt-out"))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["optOutConfirm.title"], Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(page, $"opt-out-{language}-ask", found);

        var optedOut = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["optOutConfirm.button"], Exact = true }).ClickAsync(), IsFormPost);
        Assert.Equal(200, optedOut.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["optedOut.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, $"opt-out-{language}-done", found);

        Assert.True(found.Count == 0, $"axe-core found WCAG A/AA violations:\n{string.Join("\n", found)}");
    }

    [Fact]
    public async Task The_dashboard_its_sign_in_and_the_analysts_view_meet_WCAG_A_and_AA_on_a_phone_and_a_laptop()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Axe Dashboard");
        var email = $"axe-dash-{Guid.NewGuid():N}@example.org";
        await clinic.RegisterAsync(host, $"AXE-DASH-{Guid.NewGuid().ToString("N")[..8]}", clinic.Today.AddDays(-7), email);
        await host.RunTimerAsync();
        var mail = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count >= 1, Patience, "the invitation e-mail"))[0];
        var answered = await host.Client.PostAsJsonAsync(mail.SurveyLink.PathAndQuery, new { pain = 3, medications = new[] { "paracetamol" }, newFracture = "no" });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var analystKey = (await host.SendAsync(HttpMethod.Post, "/api/analyst-keys", LocalHostProcess.AdminKey, new { name = "Axe analyst" }, HttpStatusCode.Created))["apiKey"]!.GetValue<string>();
        var found = new List<string>();

        await using (var context = await chromium.Browser.NewContextAsync(Options("en-GB")))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/api/dashboard"));
            await CheckAsync(page, "dashboard-sign-in", found);

            await SignInAsync(page, "oc_not-a-key");
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
            await CheckAsync(page, "dashboard-sign-in-wrong-key", found);

            await SignInAsync(page, clinic.ApiKey);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: Spine Centre Axe Dashboard", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
            await CheckAsync(page, "dashboard-clinic", found);
        }
        await using (var context = await chromium.Browser.NewContextAsync(Options("en-GB")))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/api/dashboard"));
            await SignInAsync(page, analystKey);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: All clinics", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
            await CheckAsync(page, "dashboard-analyst", found);

            await page.SetContentAsync(DashboardSamples.AnalystPageWithFunnel());
            await CheckAsync(page, "dashboard-analyst-with-funnel", found);
        }

        Assert.True(found.Count == 0, $"axe-core found WCAG A/AA violations:\n{string.Join("\n", found)}");
    }

    [Fact]
    public async Task Every_staff_page_meets_WCAG_A_and_AA_no_table_is_cut_off_and_on_a_phone_each_cell_names_its_column()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Axe Staff");
        var email = $"axe-staff-{Guid.NewGuid():N}@example.org";
        var patientRef = $"AXE-STAFF-{Guid.NewGuid().ToString("N")[..8]}";
        var procedureId = await clinic.RegisterAsync(host, patientRef, clinic.Today.AddDays(-7), email);
        await host.RunTimerAsync();
        var mail = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count >= 1, Patience, "the invitation e-mail"))[0];
        var answered = await host.Client.PostAsJsonAsync(mail.SurveyLink.PathAndQuery, new { pain = 3, medications = new[] { "paracetamol" }, newFracture = "yes" });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        await Storage.EventuallyAsync(() => host.SendAsync(HttpMethod.Get, "/api/worklist", clinic.ApiKey, null, HttpStatusCode.OK),
            w => w["items"]!.AsArray().Count > 0, Patience, "the red flag on the worklist");
        var found = new List<string>();
        var cutOff = new List<string>();
        var unlabelled = new List<string>();

        await using var context = await chromium.Browser.NewContextAsync(Options("en-GB"));
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/api/dashboard"));
        await SignInAsync(page, clinic.ApiKey);
        foreach (var (name, path) in new[]
                 {
                     ("staff-worklist", "/api/dashboard/worklist"), ("staff-find-patient", $"/api/dashboard/procedures?patientRef={patientRef}"),
                     ("staff-procedures", "/api/dashboard/procedures"), ("staff-register", "/api/dashboard/register"),
                     ("staff-procedure", $"/api/dashboard/procedures/{procedureId}"),   // last: its answer form is sent next
                 })
        {
            Assert.Equal(200, (await page.GotoAsync(Url(path)))!.Status);
            await CheckAsync(page, name, found);
            foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })   // staff work on laptops and tablets; on a phone each row is a card
            {
                await page.SetViewportSizeAsync(width, height);
                cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"{name} at {width}x{height}: {p}"));
            }
            await page.SetViewportSizeAsync(390, 844);
            unlabelled.AddRange((await Layout.CellsWithoutTheirColumnAsync(page)).Select(p => $"{name} at 390x844: {p}"));
        }
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Enter the answer" }).ClickAsync(), IsFormPost);
        Assert.Equal(400, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, "staff-procedure-answer-refused", found);

        Assert.Equal(200, (await page.GotoAsync(Url("/api/dashboard/register")))!.Status);
        await page.GetByLabel("E-mail address").FillAsync("not-an-address");
        var unregistered = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Register the procedure" }).ClickAsync(), IsFormPost);
        Assert.Equal(400, unregistered.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, "staff-register-refused", found);
        foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })
        {
            await page.SetViewportSizeAsync(width, height);
            cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"staff-register-refused at {width}x{height}: {p}"));
        }

        Assert.Equal(200, (await page.GotoAsync(Url($"/api/dashboard/procedures/{procedureId}")))!.Status);
        var eventRefused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Record the event" }).ClickAsync(), IsFormPost);
        Assert.Equal(400, eventRefused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await CheckAsync(page, "staff-procedure-event-refused", found);

        await page.GetByRole(AriaRole.Radio, new() { Name = "New fracture" }).CheckAsync();
        await page.GetByLabel("Day it happened").FillAsync(clinic.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Newly fractured vertebrae").FillAsync("T12, L1");
        var eventRecorded = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Record the event" }).ClickAsync(), IsFormPost);
        Assert.Equal(303, eventRecorded.Status);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("(T12, L1) was recorded", new() { Timeout = 30_000 });
        await CheckAsync(page, "staff-procedure-event-recorded", found);
        foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })
        {
            await page.SetViewportSizeAsync(width, height);
            cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"staff-procedure-event-recorded at {width}x{height}: {p}"));
        }

        Assert.True(found.Count == 0, $"axe-core found WCAG A/AA violations:\n{string.Join("\n", found)}");
        Assert.True(cutOff.Count == 0, $"Tables cut off:\n{string.Join("\n", cutOff)}");
        Assert.True(unlabelled.Count == 0, $"Cells on a phone's cards without their column's name:\n{string.Join("\n", unlabelled)}");
    }

    [Fact]
    public async Task Axe_core_names_the_rule_and_the_element_a_page_breaks()
    {
        await using var context = await chromium.Browser.NewContextAsync(Options("en-GB"));
        var page = await context.NewPageAsync();

        await page.SetContentAsync("""
            <!doctype html><html><head><title>Broken</title></head><body><main>
            <h1>Survey</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">
            <input type="text" id="unlabelled"><p style="color:#bbbbbb;background:#ffffff">Faint text</p>
            </main></body></html>
            """);
        var violations = await Axe.CheckAsync(page);

        Assert.Equal(["color-contrast", "html-has-lang", "image-alt", "label"], violations.Select(v => v.Id).Order(StringComparer.Ordinal));
        Assert.Contains("#no-alt", Assert.Single(violations, v => v.Id == "image-alt").Targets[0]);
        Assert.Contains("#unlabelled", Assert.Single(violations, v => v.Id == "label").Targets[0]);
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertNoViolationsAsync(page, "a broken page"));
    }

    /// <summary>
    /// axe-core is injected as a script tag; the pages' Content-Security-Policy allows no script at all, so the test's
    /// browser context bypasses it (what the page itself would load is still checked by the pages' own tests).
    /// </summary>
    private static BrowserNewContextOptions Options(string locale) => new()
    {
        ViewportSize = new() { Width = Sizes[0].Width, Height = Sizes[0].Height },
        Locale = locale,
        BypassCSP = true,
    };

    private static bool IsFormPost(IResponse r) => r.Request.Method == "POST" && r.Request.IsNavigationRequest;

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(key);
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), IsFormPost);
    }

    /// <summary>At each size: axe-core's verdict (logged, and added to <paramref name="found"/>) and a full-page screenshot.</summary>
    private async Task CheckAsync(IPage page, string name, List<string> found)
    {
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            var violations = await Axe.CheckAsync(page);
            var path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName($"{name}-{size}-{width}x{height}") + ".png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"{name} at {width}x{height}: {violations.Count} axe-core violation(s); screenshot {path}");
            found.AddRange(violations.Select(v => $"{name} at {width}x{height}: {v}"));
        }
        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }
}
