using System.Net;
using System.Text.Json;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests;

/// <summary>The patient's pages behind a survey link: GET the form, post it, opt out. The clock says 2026-03-01 10:00 in Amsterdam.</summary>
public sealed class SurveyPageTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    /// <summary>Each patient reference its own address: an opt-out is remembered for the address, whoever registered it.</summary>
    private static string EmailOf(string patientRef) => $"{patientRef.ToLowerInvariant()}@example.org";

    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId, string Token)> OpenSurveyAsync(string language = "en", string patientRef = "NSC-0001")
    {
        var clinic = await app.CreateClinicAsync("Clínica <Norte>");
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patientRef, EmailOf(patientRef), language: language));
        return (clinic, procedureId, app.TokenFor($"{procedureId}_1w"));
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        var response = await app.Client.GetAsync(path);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_link_shows_the_survey_form_in_the_patients_language()
    {
        var (_, _, token) = await OpenSurveyAsync(language: "es");

        var (status, html) = await GetAsync($"/api/surveys/{token}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"es\"", html);
        Assert.Contains("&lt;Norte&gt;", html);
        Assert.DoesNotContain("<Norte>", html);
        Assert.Contains("name=\"pain\"", html);
        Assert.Contains($"action=\"{token}\"", html);
    }

    [Fact]
    public async Task A_tampered_link_is_a_404_page_an_expired_one_a_410_page()
    {
        var (_, procedureId, token) = await OpenSurveyAsync();
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/surveys/{tampered}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/surveys/whatever")).Status);
        var (status, html) = await GetAsync($"/api/surveys/{app.TokenFor($"{procedureId}_1w", app.Clock.Now.AddMinutes(-1))}");
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("This survey is closed", html);
    }

    [Fact]
    public async Task The_form_post_queues_the_answers_and_shows_the_thank_you_page()
    {
        var (_, _, token) = await OpenSurveyAsync();

        var (http, message) = await app.SubmitAsync(token, "pain=3&medications=paracetamol&medications=weak_opioid&opioid.name=tramadol&opioid.dailyDose=50&newFracture=no",
            "application/x-www-form-urlencoded");

        Assert.Equal(202, http.Status());
        Assert.StartsWith("text/html", http["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Contains("Thank you", http["body"]!.GetValue<string>());
        var (_, _, answers, _) = SurveyResponseMessage.Read(JsonSerializer.SerializeToElement(message), app.Service<Outcomes.Storage.ContactCipher>());
        Assert.Equal(3, answers!.Pain.Value);
        Assert.Equal(50m, answers.Opioid!.DailyDose);
    }

    [Fact]
    public async Task A_wrong_form_post_shows_the_form_again_with_the_errors_and_queues_nothing()
    {
        var (_, _, token) = await OpenSurveyAsync();

        var (http, message) = await app.SubmitAsync(token, "medications=paracetamol&newFracture=maybe", "application/x-www-form-urlencoded");

        Assert.Null(message);
        Assert.Equal(400, http.Status());
        var html = http["body"]!.GetValue<string>();
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("<title>Please check your answers:", html);   // announced first on arrival
        Assert.Contains("autofocus", html);
        Assert.Contains("href=\"#pain-0\"", html);
        Assert.Contains("checked", html);   // the medication ticked before is ticked again
    }

    [Fact]
    public async Task A_form_post_to_an_answered_survey_says_already_received()
    {
        var (_, _, token) = await OpenSurveyAsync();
        var (_, message) = await app.SubmitAsync(token, "{\"pain\":3}");
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();

        var (http, again) = await app.SubmitAsync(token, "pain=4", "application/x-www-form-urlencoded");
        var (status, html) = await GetAsync($"/api/surveys/{token}");

        Assert.Null(again);
        Assert.Equal(200, http.Status());
        Assert.Contains("Answers already received", http["body"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Answers already received", html);
    }

    [Fact]
    public async Task Opting_out_asks_first_then_cancels_every_survey_to_come_for_the_patient()
    {
        var (clinic, first, token) = await OpenSurveyAsync(patientRef: "NSC-0300");
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-10", "NSC-0300", EmailOf("NSC-0300")));
        var someoneElse = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-10", "NSC-0301", EmailOf("NSC-0301")));

        var (asked, confirm) = await GetAsync($"/api/surveys/{token}/opt-out");
        Assert.Equal(HttpStatusCode.OK, asked);
        Assert.Contains("<form", confirm);
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(first, TimePoint.OneWeek))!.Record.FollowUp.Status);

        var posted = await app.Client.PostAsync($"/api/surveys/{token}/opt-out", new StringContent("List-Unsubscribe=One-Click"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("You will receive no more surveys", await posted.Content.ReadAsStringAsync());

        foreach (var procedureId in new[] { first, second })
            foreach (var timePoint in TimePoint.All)
                Assert.Contains((await app.FollowUpAsync(procedureId, timePoint))!.Record.FollowUp.Status, new[] { FollowUpStatus.Cancelled, FollowUpStatus.Missed });
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(someoneElse, TimePoint.OneMonth))!.Record.FollowUp.Status);
        Assert.Equal(HttpStatusCode.Gone, (await GetAsync($"/api/surveys/{token}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.PostAsync("/api/surveys/forged/opt-out", null)).StatusCode);
    }
}
