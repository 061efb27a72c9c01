using System.Net;
using System.Net.Http.Json;
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
/// page with its answer and event forms, refused and done; the procedure registration form with and without its errors:
/// <see cref="StaffAccessibilityBrowserTests"/>).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class AccessibilityBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly PatientTexts Texts = PatientTexts.LoadDefault();
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };

    private readonly PageChecks checks = new(output);

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
        await using var context = await chromium.Browser.NewContextAsync(PageChecks.Options(language));
        var page = await context.NewPageAsync();
        var found = new List<string>();

        Assert.Equal(200, (await page.GotoAsync(link))!.Status);
        await checks.CheckAsync(page, $"survey-{language}", found);

        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["survey.submit"], Exact = true }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(400, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, $"survey-{language}-missing-pain", found);

        await page.Locator("input[name=pain][value='3']").CheckAsync(new() { Force = true });
        var sent = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["survey.submit"], Exact = true }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(202, sent.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, $"survey-{language}-thank-you", found);

        Assert.Equal(200, (await page.GotoAsync(link + "/opt-out"))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["optOutConfirm.title"], Level = 1 })).ToBeVisibleAsync();
        await checks.CheckAsync(page, $"opt-out-{language}-ask", found);

        var optedOut = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = t["optOutConfirm.button"], Exact = true }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(200, optedOut.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = t["optedOut.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, $"opt-out-{language}-done", found);

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

        await using (var context = await chromium.Browser.NewContextAsync(PageChecks.Options("en-GB")))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/api/dashboard"));
            await checks.CheckAsync(page, "dashboard-sign-in", found);

            await PageChecks.SignInAsync(page, "oc_not-a-key");
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
            await checks.CheckAsync(page, "dashboard-sign-in-wrong-key", found);

            await PageChecks.SignInAsync(page, clinic.ApiKey);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: Spine Centre Axe Dashboard", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
            await checks.CheckAsync(page, "dashboard-clinic", found);
        }
        await using (var context = await chromium.Browser.NewContextAsync(PageChecks.Options("en-GB")))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(Url("/api/dashboard"));
            await PageChecks.SignInAsync(page, analystKey);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes: All clinics", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
            await checks.CheckAsync(page, "dashboard-analyst", found);

            await page.SetContentAsync(DashboardSamples.AnalystPageWithFunnel());
            await checks.CheckAsync(page, "dashboard-analyst-with-funnel", found);
        }

        Assert.True(found.Count == 0, $"axe-core found WCAG A/AA violations:\n{string.Join("\n", found)}");
    }

    [Fact]
    public async Task Axe_core_names_the_rule_and_the_element_a_page_breaks()
    {
        await using var context = await chromium.Browser.NewContextAsync(PageChecks.Options("en-GB"));
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
}
