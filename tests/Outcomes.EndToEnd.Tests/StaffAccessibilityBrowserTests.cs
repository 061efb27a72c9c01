using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Outcomes.EndToEnd.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The staff pages, checked by axe-core in a real headless Chromium against the WCAG 2.0, 2.1 and 2.2 A and AA rules at
/// a phone's size and a laptop's: the worklist, Find a patient, a procedure's page with its answer and event forms
/// (refused and done), the registration form with and without its errors; no table cut off at 1366×768 or 820×1180,
/// and on a phone no page scrolls sideways and every card's cell names its column.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class StaffAccessibilityBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };
    private readonly PageChecks checks = new(output);

    private string Url(string path) => new Uri(host.Client.BaseAddress!, path).ToString();

    [Fact]
    public async Task Every_staff_page_meets_WCAG_A_and_AA_no_table_is_cut_off_and_on_a_phone_each_cell_names_its_column()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Axe Staff");
        var email = $"axe-staff-{Guid.NewGuid():N}@example.org";
        var patientRef = $"AXE-STAFF-{Guid.NewGuid().ToString("N")[..8]}";
        // Registered late: its one-week survey was missed (a paper answer can still be entered) and the one-month one is open.
        var procedureId = await clinic.RegisterAsync(host, patientRef, clinic.Today.AddDays(-35), email);
        await host.RunTimerAsync();
        var mail = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count >= 1, Patience, "the invitation e-mail"))[0];
        var answered = await host.Client.PostAsJsonAsync(mail.SurveyLink.PathAndQuery, new { pain = 3, medications = new[] { "paracetamol" }, newFracture = "yes" });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        await Storage.EventuallyAsync(() => host.SendAsync(HttpMethod.Get, "/api/worklist", clinic.ApiKey, null, HttpStatusCode.OK),
            w => w["items"]!.AsArray().Count > 0, Patience, "the red flag on the worklist");
        var found = new List<string>();
        var cutOff = new List<string>();
        var unlabelled = new List<string>();
        var sideways = new List<string>();

        await using var context = await chromium.Browser.NewContextAsync(PageChecks.Options("en-GB"));
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/api/dashboard"));
        await PageChecks.SignInAsync(page, clinic.ApiKey);
        foreach (var (name, path) in new[]
                 {
                     ("staff-worklist", "/api/dashboard/worklist"), ("staff-find-patient", $"/api/dashboard/procedures?patientRef={patientRef}"),
                     ("staff-procedures", "/api/dashboard/procedures"), ("staff-register", "/api/dashboard/register"),
                     ("staff-procedure", $"/api/dashboard/procedures/{procedureId}"),   // last: its answer form is sent next
                 })
        {
            Assert.Equal(200, (await page.GotoAsync(Url(path)))!.Status);
            await checks.CheckAsync(page, name, found);
            foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })   // staff work on laptops and tablets; on a phone each row is a card
            {
                await page.SetViewportSizeAsync(width, height);
                cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"{name} at {width}x{height}: {p}"));
            }
            await page.SetViewportSizeAsync(390, 844);
            unlabelled.AddRange((await Layout.CellsWithoutTheirColumnAsync(page)).Select(p => $"{name} at 390x844: {p}"));
            if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") is var wide && wide > 390)
                sideways.Add($"{name}: {wide} px wide at 390x844");
        }
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Enter the answer" }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(400, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, "staff-procedure-answer-refused", found);

        Assert.Equal(200, (await page.GotoAsync(Url("/api/dashboard/register")))!.Status);
        await page.GetByLabel("E-mail address").FillAsync("not-an-address");
        var unregistered = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Register the procedure" }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(400, unregistered.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, "staff-register-refused", found);
        foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })
        {
            await page.SetViewportSizeAsync(width, height);
            cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"staff-register-refused at {width}x{height}: {p}"));
        }

        Assert.Equal(200, (await page.GotoAsync(Url($"/api/dashboard/procedures/{procedureId}")))!.Status);
        var eventRefused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Record the event" }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(400, eventRefused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(AfterNavigation);
        await checks.CheckAsync(page, "staff-procedure-event-refused", found);

        await page.GetByRole(AriaRole.Radio, new() { Name = "New fracture" }).CheckAsync();
        await page.GetByLabel("Day it happened").FillAsync(clinic.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Newly fractured vertebrae").FillAsync("T12, L1");
        var eventRecorded = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Record the event" }).ClickAsync(), PageChecks.IsFormPost);
        Assert.Equal(303, eventRecorded.Status);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("(T12, L1) was recorded", new() { Timeout = 30_000 });
        await checks.CheckAsync(page, "staff-procedure-event-recorded", found);
        foreach (var (width, height) in new[] { (1366, 768), (820, 1180) })
        {
            await page.SetViewportSizeAsync(width, height);
            cutOff.AddRange((await Layout.TableProblemsAsync(page)).Select(p => $"staff-procedure-event-recorded at {width}x{height}: {p}"));
        }

        Assert.True(found.Count == 0, $"axe-core found WCAG A/AA violations:\n{string.Join("\n", found)}");
        Assert.True(cutOff.Count == 0, $"Tables cut off:\n{string.Join("\n", cutOff)}");
        Assert.True(sideways.Count == 0, $"Pages a phone scrolls sideways:\n{string.Join("\n", sideways)}");
        Assert.True(unlabelled.Count == 0, $"Cells on a phone's cards without their column's name:\n{string.Join("\n", unlabelled)}");
    }
}
