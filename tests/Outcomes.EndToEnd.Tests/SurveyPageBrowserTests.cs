using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Outcomes.EndToEnd.Tests.Browser;
using Outcomes.Functions.Patients;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The survey page as a patient meets it: opened from the invitation e-mail in a phone's browser (headless Debian
/// Chromium), filled in by touch and by keyboard alone, sent, and its answer stored. Controls are found by their
/// accessible names (legends, labels, button text) as a screen reader announces them, so a missing label fails here.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class SurveyPageBrowserTests(LocalHostProcess host, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly PatientTexts Texts = PatientTexts.LoadDefault();
    private static readonly LanguageTexts English = Texts.For("en");

    /// <summary>For what follows a navigation (the form post answers with a new document).</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions AfterNavigation = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_patient_fills_the_survey_in_by_touch_through_its_labels_sends_it_and_the_answer_is_stored()
    {
        var survey = await InviteAsync("TOUCH", "en");
        await using var page = await chromium.NewPhonePageAsync(output);
        var t = English;

        var opened = await page.GotoAsync(survey.Link);
        await Pain(page, t, "7").TapAsync();
        await page.Page.GetByText(t["medication.paracetamol"], new() { Exact = true }).TapAsync();   // the label text itself is the touch target
        await Group(page, t, "survey.medications.legend").GetByRole(AriaRole.Checkbox, new() { Name = t["medication.weak_opioid"], Exact = true }).TapAsync();
        await page.Page.GetByLabel(t["survey.opioid.name"], new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = t["opioid.tramadol"] });
        await page.Page.GetByLabel(t["survey.opioid.dailyDose"], new() { Exact = true }).FillAsync("100");
        // The one-week survey asks about the time since the treatment: there is no last survey yet.
        await Group(page, t, "survey.newFracture.legend.1w").GetByRole(AriaRole.Radio, new() { Name = t["newFracture.no"], Exact = true }).TapAsync();
        await page.ScreenshotAsync("survey-filled-in-on-a-phone");
        await page.AssertFitsThePhoneWidthAsync();
        await AssertTouchTargetsAreLargeEnoughAsync(page);
        var sent = await SubmitAsync(page, () => Submit(page, t).TapAsync());

        Assert.Equal(200, opened!.Status);
        Assert.Equal(202, sent.Status);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = t["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        await Expect(page.Page.Locator("main p").First).ToHaveTextAsync(t["thankYou.body"]);
        await Expect(page.Page.Locator("main p.clinic")).ToHaveTextAsync(t.Format("clinic.from", ("clinicName", survey.ClinicName)));
        await page.ScreenshotAsync("survey-thank-you-on-a-phone");
        await page.AssertFitsThePhoneWidthAsync();
        page.AssertNoErrors();
        var answer = await StoredAnswerAsync(survey);
        Assert.Equal(7, answer["pain"]!.GetValue<int>());
        Assert.Equal(["paracetamol", "weak_opioid"], answer["medications"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("tramadol", answer["opioid"]!["name"]!.GetValue<string>());
        Assert.Equal(100m, answer["opioid"]!["dailyDose"]!.GetValue<decimal>());
        Assert.Equal("no", answer["newFracture"]!.GetValue<string>());
        Assert.Equal("patient", answer["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_patient_answers_with_the_keyboard_alone_in_reading_order_and_always_sees_where_the_focus_is()
    {
        var survey = await InviteAsync("KEYS", "en");
        await using var page = await chromium.NewPhonePageAsync(output);
        var keyboard = page.Page.Keyboard;
        var visited = new List<string>();
        async Task TabAsync()
        {
            await keyboard.PressAsync("Tab");
            visited.Add(await FocusedIdAsync(page));
            await AssertFocusIsShownAsync(page);
        }

        await page.GotoAsync(survey.Link);
        await TabAsync();                                           // into the pain scale: its first radio
        for (var i = 0; i < 3; i++) await keyboard.PressAsync("ArrowRight");
        var painFocused = await FocusedIdAsync(page);
        await AssertFocusIsShownAsync(page);
        await TabAsync();                                           // out of the scale, to "None"
        await TabAsync();                                           // Paracetamol
        await keyboard.PressAsync("Space");
        while (visited.Count < 20 && visited[^1] != "newFracture-yes") await TabAsync();
        await keyboard.PressAsync("ArrowRight");                    // Yes → No
        var fractureFocused = await FocusedIdAsync(page);
        await TabAsync();                                           // the button
        var sent = await SubmitAsync(page, () => keyboard.PressAsync("Enter"));

        Assert.Equal("pain-3", painFocused);
        Assert.Equal("newFracture-no", fractureFocused);
        Assert.Equal(
            ["pain-0", "medications-none", "medications-paracetamol", "medications-nsaid", "medications-weak_opioid", "medications-strong_opioid",
             "opioid-name", "opioid-dailyDose", "newFracture-yes", "button"], visited);
        Assert.Equal(202, sent.Status);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = English["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        page.AssertNoErrors();
        var answer = await StoredAnswerAsync(survey);
        Assert.Equal(3, answer["pain"]!.GetValue<int>());
        Assert.Equal(["paracetamol"], answer["medications"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("no", answer["newFracture"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_survey_sent_without_pain_lists_the_error_linked_to_the_pain_field_keeps_the_ticks_stores_nothing_and_can_be_corrected()
    {
        var survey = await InviteAsync("WRONG", "en");
        await using var page = await chromium.NewPhonePageAsync(output);
        var t = English;

        await page.GotoAsync(survey.Link);
        await page.Page.GetByLabel(t["medication.paracetamol"], new() { Exact = true }).TapAsync();
        await page.Page.GetByLabel(t["newFracture.unsure"], new() { Exact = true }).TapAsync();
        var refused = await SubmitAsync(page, () => Submit(page, t).TapAsync());
        var summary = page.Page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeVisibleAsync(AfterNavigation);
        await page.ScreenshotAsync("survey-without-pain-on-a-phone");

        Assert.Equal(400, refused.Status);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = t["survey.errors.heading"] })).ToBeVisibleAsync();
        var link = summary.GetByRole(AriaRole.Link, new() { Name = t["error.pain"], Exact = true });
        await Expect(link).ToHaveCountAsync(1);
        await Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(Group(page, t, "survey.pain.legend")).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(t["error.pain"])));
        Assert.True(await page.Page.GetByLabel(t["medication.paracetamol"], new() { Exact = true }).IsCheckedAsync(), "Paracetamol is still ticked");
        Assert.True(await page.Page.GetByLabel(t["newFracture.unsure"], new() { Exact = true }).IsCheckedAsync(), "'Not sure' is still chosen");
        Assert.Equal(2, await page.Page.Locator("input:checked").CountAsync());
        await page.AssertFitsThePhoneWidthAsync();

        await link.TapAsync();
        Assert.Equal("pain-0", await FocusedIdAsync(page));
        await Expect(page.Page.Locator("#pain-0")).ToBeInViewportAsync();
        Assert.Empty(await host.AnswerRowsAsync(survey.ProcedureId));
        Assert.Equal("invited", OneWeek(await ProcedureAsync(survey))["status"]!.GetValue<string>());

        await Pain(page, t, "4").TapAsync();
        var sent = await SubmitAsync(page, () => Submit(page, t).TapAsync());

        Assert.Equal(202, sent.Status);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = t["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        page.AssertNoErrors();
        var answer = await StoredAnswerAsync(survey);
        Assert.Equal(4, answer["pain"]!.GetValue<int>());
        Assert.Equal(["paracetamol"], answer["medications"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("unsure", answer["newFracture"]!.GetValue<string>());
        Assert.Single(await host.AnswerRowsAsync(survey.ProcedureId));
    }

    [Fact]
    public async Task A_Spanish_patient_gets_the_survey_and_its_thanks_in_Spanish()
    {
        var survey = await InviteAsync("ES", "es");
        await using var page = await chromium.NewPhonePageAsync(output);
        var t = Texts.For("es");

        await page.GotoAsync(survey.Link);
        await page.ScreenshotAsync("survey-in-spanish-on-a-phone");

        Assert.Equal("es", await page.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await Expect(page.Page).ToHaveTitleAsync(t.Format("survey.pageTitle", ("clinicName", survey.ClinicName)));
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("¿Cómo está su espalda?");
        await Expect(Group(page, t, "survey.pain.legend")).ToBeVisibleAsync();
        await Expect(Group(page, t, "survey.medications.legend").GetByRole(AriaRole.Checkbox, new() { Name = "Ninguno", Exact = true })).ToBeVisibleAsync();
        await Expect(Group(page, t, "survey.newFracture.legend.1w").GetByRole(AriaRole.Radio, new() { Name = "No lo sé", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "+34 912 34 56 78", Exact = true })).ToHaveAttributeAsync("href", "tel:+34912345678");
        await Expect(page.Page.GetByText($"¿Tiene preguntas? Llame a {survey.ClinicName} al +34 912 34 56 78.")).ToBeVisibleAsync();
        await Expect(page.Page.GetByText(t["survey.pain.high"])).ToBeVisibleAsync();
        await page.AssertFitsThePhoneWidthAsync();

        await Pain(page, t, "2").TapAsync();
        await page.Page.GetByLabel("Paracetamol", new() { Exact = true }).TapAsync();
        var sent = await SubmitAsync(page, () => page.Page.GetByRole(AriaRole.Button, new() { Name = "Enviar mis respuestas" }).TapAsync());

        Assert.Equal(202, sent.Status);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Gracias", Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        Assert.Equal("es", await page.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await page.ScreenshotAsync("survey-thanks-in-spanish-on-a-phone");
        page.AssertNoErrors();
        Assert.Equal(2, (await StoredAnswerAsync(survey))["pain"]!.GetValue<int>());
    }

    [Fact]
    public async Task With_text_at_200_percent_on_a_phone_the_survey_still_fits_its_width_and_can_be_sent()
    {
        var survey = await InviteAsync("ZOOM", "en");
        await using var page = await chromium.NewPhonePageAsync(output);
        var t = English;

        await page.GotoAsync(survey.Link);
        var normal = await page.Page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('legend')).fontSize)");
        await page.Page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");
        var enlarged = await page.Page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('legend')).fontSize)");
        await page.ScreenshotAsync("survey-text-200-percent-on-a-phone");

        Assert.Equal(2 * normal, enlarged, 1);
        var wider = await page.Page.EvaluateAsync<string[]>("""
            width => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > width + 0.5 || e.getBoundingClientRect().left < -0.5)
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${e.textContent.trim().slice(0, 30)}: ${e.getBoundingClientRect().right.toFixed(0)}`)
            """, PhonePage.Width);
        Assert.True(wider.Length == 0, $"Past the phone's width at 200% text: {string.Join("; ", wider)}");
        await page.AssertFitsThePhoneWidthAsync();
        await Pain(page, t, "5").TapAsync();
        var submit = Submit(page, t);
        await submit.ScrollIntoViewIfNeededAsync();
        await Expect(submit).ToBeInViewportAsync(new() { Ratio = 1 });
        var sent = await SubmitAsync(page, () => submit.TapAsync());
        Assert.Equal(202, sent.Status);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = t["thankYou.title"], Level = 1 })).ToBeVisibleAsync(AfterNavigation);
        page.AssertNoErrors();
    }

    private sealed record Survey(TestClinic Clinic, string ClinicName, string ProcedureId, string Link);

    /// <summary>A clinic, a procedure whose one-week survey is due today, the timer run, and the link from the invitation e-mail.</summary>
    private async Task<Survey> InviteAsync(string what, string language)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clinicName = $"Spine Centre Browser {what}";
        var clinic = await TestClinic.CreateInDaytimeAsync(host, clinicName);
        if (language == "es")   // a clinic that gave its patients a number to call
            await host.PatchAsync($"/api/clinics/{clinic.ClinicId}", clinic.ApiKey, """{"phone": "+34 912 345 678"}""");
        var email = $"e2e-browser-{what.ToLowerInvariant()}-{run}@example.org";
        var procedureId = await clinic.RegisterAsync(host, $"E2E-BROWSER-{what}-{run}", clinic.Today.AddDays(-7), email, language);

        await host.RunTimerAsync();
        var mail = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count >= 1, Patience, "the invitation e-mail"))[0];
        return new(clinic, clinicName, procedureId, new Uri(host.Client.BaseAddress!, mail.SurveyLink.PathAndQuery).ToString());
    }

    private static ILocator Group(PhonePage page, LanguageTexts t, string legendKey) =>
        page.Page.GetByRole(AriaRole.Group, new() { Name = t[legendKey], Exact = true });

    private static ILocator Pain(PhonePage page, LanguageTexts t, string score) =>
        Group(page, t, "survey.pain.legend").GetByRole(AriaRole.Radio, new() { Name = score, Exact = true });

    private static ILocator Submit(PhonePage page, LanguageTexts t) =>
        page.Page.GetByRole(AriaRole.Button, new() { Name = t["survey.submit"], Exact = true });

    /// <summary>Does what sends the form and returns the answer to its post (the new page's document).</summary>
    private static Task<IResponse> SubmitAsync(PhonePage page, Func<Task> send) =>
        page.Page.RunAndWaitForResponseAsync(send, r => r.Request.Method == "POST" && r.Request.IsNavigationRequest, new() { Timeout = 30_000 });

    /// <summary>The focused element's id, or its tag name when it has none.</summary>
    private static Task<string> FocusedIdAsync(PhonePage page) =>
        page.Page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.tagName.toLowerCase()");

    /// <summary>
    /// Fails unless the focused element shows a focus outline (WCAG 2.4.7) and is on screen: the browser scrolled it into
    /// view, and nothing hides it.
    /// </summary>
    private static async Task AssertFocusIsShownAsync(PhonePage page)
    {
        var focus = JsonNode.Parse(await page.Page.EvaluateAsync<string>("""
            () => {
              const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
              return JSON.stringify({ id: e.id || e.tagName, outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
                focusVisible: e.matches(':focus-visible'),
                onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth });
            }
            """))!;
        Assert.True(focus!["focusVisible"]!.GetValue<bool>() && focus["outlineStyle"]!.GetValue<string>() != "none"
                    && focus["outlineWidth"]!.GetValue<double>() >= 2 && focus["onScreen"]!.GetValue<bool>(),
            $"The focused element shows no focus outline or is off screen: {focus.ToJsonString()}");
    }

    /// <summary>Fails unless every choice's label, the select, the number field and the button is at least 44 by 44 CSS pixels (WCAG 2.5.5).</summary>
    private static async Task AssertTouchTargetsAreLargeEnoughAsync(PhonePage page)
    {
        var small = await page.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.choice label, select, input[type=number], button')]
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, r]) => r.width < 44 || r.height < 44)
              .map(([e, r]) => `${e.tagName.toLowerCase()} ${e.htmlFor || e.id || e.textContent.trim()}: ${r.width}x${r.height}`)
            """);
        Assert.True(small.Length == 0, $"Touch targets smaller than 44x44 CSS pixels: {string.Join("; ", small)}");
        Assert.True(await page.Page.Locator(".choice label").CountAsync() >= 11, "the choices' labels are the touch targets");
    }

    private Task<JsonObject> ProcedureAsync(Survey survey) =>
        host.SendAsync(HttpMethod.Get, $"/api/procedures/{survey.ProcedureId}", survey.Clinic.ApiKey, null, HttpStatusCode.OK);

    private async Task<JsonNode> StoredAnswerAsync(Survey survey)
    {
        var procedure = await Storage.EventuallyAsync(() => ProcedureAsync(survey),
            p => OneWeek(p)["status"]!.GetValue<string>() == "answered", Patience, "the one-week answer on the procedure");
        return OneWeek(procedure)["answer"]!;
    }

    private static JsonNode OneWeek(JsonObject procedure) =>
        procedure["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1w")!;
}
