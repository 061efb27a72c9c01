using Microsoft.Playwright;
using Outcomes.EndToEnd.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// A clinic coordinator's working day in a real headless Chromium, through the local host: sign in, find a patient,
/// enter the answer they gave by phone (it travels the real queue to storage), see the red flag it raised on the
/// worklist, mark it handled, and find that in the procedure's audit trail; register a procedure through the form;
/// record a patient's death on a tablet, by keyboard, and see the surveys still to come cancelled.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class StaffBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };

    private string Url(string path) => new Uri(host.Client.BaseAddress!, path).ToString();

    [Fact]
    public async Task A_coordinator_enters_a_phone_answer_sees_its_red_flag_on_the_worklist_marks_it_handled_and_finds_it_in_the_audit_trail()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Staff");
        var patientRef = $"STAFF-{Guid.NewGuid().ToString("N")[..8]}";
        var procedureId = await clinic.RegisterAsync(host, patientRef, clinic.Today.AddDays(-8), $"{patientRef.ToLowerInvariant()}@example.org");
        var alertAddress = $"alerts-{patientRef.ToLowerInvariant()}@spine-staff.example.org";
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/clinics/{clinic.ClinicId}")
               {
                   Content = new StringContent($$"""{"alertEmail": "{{alertAddress}}"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
                   Headers = { Authorization = new("Bearer", clinic.ApiKey) },
               })
            Assert.True((await host.Client.SendAsync(patch)).IsSuccessStatusCode);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Url("/api/dashboard/worklist"));
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(clinic.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a patient" }).ClickAsync();
        await page.GetByLabel("Patient reference").FillAsync(patientRef);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = patientRef }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Procedure of {patientRef}", Level = 1 })).ToBeVisibleAsync(AfterNavigation);

        await page.GetByLabel("Survey", new() { Exact = true }).SelectOptionAsync("1w");
        await page.GetByLabel("Pain now", new() { Exact = false }).FillAsync("6");
        await page.GetByRole(AriaRole.Radio, new() { Name = "yes" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enter the answer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The 1 week answer was entered");
        await ScreenshotAsync(page, "staff-procedure-answer-entered-1366x768");

        await page.GetByRole(AriaRole.Link, new() { Name = "Worklist" }).ClickAsync();
        var flag = page.GetByRole(AriaRole.Row).Filter(new() { HasText = patientRef }).Filter(new() { HasText = "New fracture reported" });
        await Storage.EventuallyAsync(async () => { await page.ReloadAsync(); return await flag.CountAsync(); }, n => n == 1, Patience, "the red flag on the worklist");
        await ScreenshotAsync(page, "staff-worklist-1366x768");
        var alert = Assert.Single(await Storage.EventuallyAsync(() => Task.FromResult(host.Alerts(alertAddress)), a => a.Count >= 1, Patience, "the alert e-mail"));
        Assert.Contains("/api/dashboard/worklist", alert.ToJsonString());
        Assert.DoesNotContain(patientRef, alert.ToJsonString());
        await flag.GetByRole(AriaRole.Button, new() { Name = "Mark handled" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Worklist", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        Assert.Equal(0, await flag.CountAsync());

        await page.GotoAsync(Url($"/api/dashboard/procedures/{procedureId}"));
        var audit = page.GetByRole(AriaRole.Table, new() { Name = "Audit trail: who changed what, when" });
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "worklist-item-handled" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Follow-up surveys" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "entered by the clinic" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "staff-procedure-audit-1366x768");
    }

    [Fact]
    public async Task A_coordinator_registers_a_procedure_through_the_form_by_keyboard_and_lands_on_its_page_with_its_surveys()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Staff Register");
        var patientRef = $"REG-{Guid.NewGuid().ToString("N")[..8]}";
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Url("/api/dashboard/procedures"));
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(clinic.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Clinic work" }).GetByRole(AriaRole.Link, new() { Name = "Register a procedure" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register a procedure", Level = 1 })).ToBeVisibleAsync(AfterNavigation);

        await page.GetByLabel("Patient reference").PressSequentiallyAsync(patientRef);
        await page.GetByRole(AriaRole.Radio, new() { Name = "kyphoplasty" }).PressAsync("Space");
        await page.GetByLabel("Day of the procedure").FillAsync(clinic.Today.AddDays(-3).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "T12", Exact = true }).PressAsync("Space");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "L1", Exact = true }).PressAsync("Space");
        await page.GetByRole(AriaRole.Radio, new() { Name = "osteoporotic" }).PressAsync("Space");
        await page.GetByLabel("Pain, from 0").PressSequentiallyAsync("7");
        await page.GetByRole(AriaRole.Group, new() { Name = "Pain medication in use" }).GetByRole(AriaRole.Checkbox, new() { Name = "paracetamol" }).PressAsync("Space");
        await page.GetByLabel("E-mail address").PressSequentiallyAsync($"{patientRef.ToLowerInvariant()}@example.org");
        await page.GetByLabel("Language of the surveys").SelectOptionAsync("es");
        await ScreenshotAsync(page, "staff-register-filled-820x1180");
        await page.GetByLabel("E-mail address").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Procedure of {patientRef}", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Registered: the procedure of {patientRef}");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Follow-up surveys" }).Locator("tbody tr")).ToHaveCountAsync(5);
        await ScreenshotAsync(page, "staff-register-registered-820x1180");
        await page.ReloadAsync();   // a reload after Post/Redirect/Get asks for the procedure's page again, never resends the form
        var listed = await host.SendAsync(HttpMethod.Get, $"/api/procedures?patientRef={patientRef}", clinic.ApiKey, null, System.Net.HttpStatusCode.OK);
        var procedure = Assert.Single(listed["procedures"]!.AsArray())!;
        Assert.Equal(("kyphoplasty", "T12,L1"), (procedure["procedureType"]!.GetValue<string>(), string.Join(",", procedure["levels"]!.AsArray().Select(l => l!.GetValue<string>()))));
    }

    [Fact]
    public async Task A_coordinator_records_a_death_by_keyboard_on_a_tablet_and_sees_it_with_the_surveys_cancelled_and_a_resend_kept_once()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Events");
        var patientRef = $"EVENT-{Guid.NewGuid().ToString("N")[..8]}";
        var procedureId = await clinic.RegisterAsync(host, patientRef, clinic.Today.AddDays(-8), $"{patientRef.ToLowerInvariant()}@example.org");
        var died = clinic.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 820, Height = 1180 }, Locale = "en-GB", HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/api/dashboard"));
        await page.GetByLabel("Clinic or analyst key", new() { Exact = true }).FillAsync(clinic.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Find a patient" })).ToBeVisibleAsync(AfterNavigation);
        await page.GotoAsync(Url($"/api/dashboard/procedures/{procedureId}"));
        var surveys = page.GetByRole(AriaRole.Table, new() { Name = "Follow-up surveys" });
        await Expect(surveys.GetByRole(AriaRole.Row).Filter(new() { HasText = "cancelled" })).ToHaveCountAsync(0);

        async Task RecordDeathAsync()
        {
            await page.GetByRole(AriaRole.Radio, new() { Name = "Death" }).FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await page.GetByLabel("Day it happened").FillAsync(died);
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the event" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        }
        await RecordDeathAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The death on {died} was recorded; it cancelled 5 surveys", new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Events recorded for this procedure" }).GetByRole(AriaRole.Row).Filter(new() { HasText = died })).ToHaveCountAsync(1);
        var audit = page.GetByRole(AriaRole.Table, new() { Name = "Audit trail: who changed what, when" });
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "patient-event-recorded" })).ToHaveCountAsync(1);
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "follow-up-cancelled" })).ToHaveCountAsync(5);
        await Expect(surveys.GetByRole(AriaRole.Row).Filter(new() { HasText = "cancelled" })).ToHaveCountAsync(5);
        await ScreenshotAsync(page, "staff-procedure-death-recorded-820x1180");

        await RecordDeathAsync();   // sent again, as after a double tap or going back

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The patient's death on {died} was already recorded", new() { Timeout = 30_000 });
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());
        await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "patient-event-recorded" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Events recorded for this procedure" }).GetByRole(AriaRole.Row).Filter(new() { HasText = died })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "staff-procedure-death-already-recorded-820x1180");
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestArtifacts.ScreenshotsFolder, TestArtifacts.SafeFileName(name) + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot of {page.Url}: {path}");
    }
}
