using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;
using Outcomes.Storage.Tables;

namespace Outcomes.Functions.Tests;

/// <summary>
/// A procedure whose contact was sealed under a key the app is no longer configured with (an operator removed it while
/// rows still needed it): the lists and pages answer, the procedure says its contact cannot be read, and what would
/// be sent to the patient is held back visibly, without holding back anyone else. The clock says 2026-03-01 09:00 UTC.
/// </summary>
public sealed class UnreadableContactTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Unreadable = "contact details cannot be read: the key they were sealed under is not configured";

    /// <summary>A key this app was never configured with, standing for one an operator removed from <c>Outcomes:ContactKeys</c>.</summary>
    private static readonly ContactCipher RemovedKey = new("retired-2025:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private async Task SealUnderAsync(ContactCipher cipher, string procedureId, string email)
    {
        var table = app.Table("Procedures");
        var row = (await table.GetEntityAsync<TableEntity>(procedureId, ProcedureRows.Procedure(procedureId))).Value;
        row["Contact"] = cipher.Encrypt(new PatientContact(email, null, "en"));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    private async Task<(Access.RegisteredClinic Clinic, string Unreadable, string Readable)> TwoPatientsAsync(string prefix)
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var unreadable = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", $"{prefix}-1", $"{prefix.ToLowerInvariant()}.one@example.org"));
        var readable = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", $"{prefix}-2", $"{prefix.ToLowerInvariant()}.two@example.org"));
        await SealUnderAsync(RemovedKey, unreadable, $"{prefix.ToLowerInvariant()}.one@example.org");
        return (clinic, unreadable, readable);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string key, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd(accept);
        var response = await app.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Lists_pages_and_the_patients_own_survey_answer_and_the_procedure_says_its_contact_cannot_be_read()
    {
        var (clinic, procedureId, readable) = await TwoPatientsAsync("UNR");
        var flag = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), new DateOnly(2026, 3, 1),
            new SurveyAnswers(PainScore.From(4), NewFracture: NewFractureAnswer.Yes), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>());
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(flag.ToQueueText(), "unr-1")).StatusCode);   // the answer is kept all the same

        var answers = new List<(string Path, string Accept, HttpStatusCode Status, string Body)>();
        foreach (var (path, accept) in new[]
                 {
                     ("/api/procedures", "application/json"), ("/api/procedures", "text/csv"), ("/api/procedures?status=answered", "application/json"),
                     ("/api/procedures?patientRef=UNR-1", "application/json"), ("/api/worklist", "application/json"), ($"/api/procedures/{procedureId}", "application/json"),
                     ("/api/dashboard/procedures", "text/html"), ("/api/dashboard/procedures?patientRef=UNR-1", "text/html"), ("/api/dashboard/worklist", "text/html"),
                     ($"/api/dashboard/procedures/{procedureId}", "text/html"),
                 })
        {
            var (status, body) = await GetAsync(path, clinic.ApiKey, accept);
            answers.Add((path, accept, status, body));
        }
        var survey = await app.Client.GetAsync($"/api/surveys/{app.TokenFor($"{procedureId}_1w")}");

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Path} ({a.Accept}) answered {(int)a.Status}: {a.Body}"));
        Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
        Assert.Contains(procedureId, answers[0].Body);
        Assert.Contains(readable, answers[0].Body);
        Assert.Contains("new_fracture", answers[4].Body);
        var contact = (await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}", clinic.ApiKey)).ReadObjectAsync())["contact"]!;
        Assert.False(contact["readable"]!.GetValue<bool>());
        Assert.Equal(Unreadable, contact["unreadable"]!.GetValue<string>());
        Assert.True(contact["hasEmail"]!.GetValue<bool>());
        Assert.Contains("Contact details cannot be read: the key they were sealed under is not configured", answers[^1].Body);
        var warnings = app.Logs.Lines.Where(l => l.StartsWith("Warning") && l.Contains(procedureId)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("retired-2025", w));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("unr.one@example.org"));
    }

    [Fact]
    public async Task The_timer_invites_everyone_else_logs_an_error_naming_the_procedure_and_invites_it_once_its_contact_can_be_read_again()
    {
        var (_, procedureId, readable) = await TwoPatientsAsync("TMR");

        var first = await app.RunTimerAsync(deliver: false);
        var second = await app.RunTimerAsync(deliver: false);

        Assert.Contains(first, m => m.FollowUpId == $"{readable}_1w");
        Assert.DoesNotContain(first.Concat(second), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.FollowUp.Status);
        var errors = app.Logs.Lines.Where(l => l.StartsWith("Error") && l.Contains(procedureId)).ToList();
        Assert.Equal(2, errors.Count);   // once a run
        Assert.All(errors, e => Assert.Contains("Nothing is sent", e));
        Assert.All(errors, e => Assert.Contains("retired-2025", e));

        await SealUnderAsync(app.Service<ContactCipher>(), procedureId, "tmr.one@example.org");   // the key configured again
        Assert.Equal($"{procedureId}_1w", Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal)).FollowUpId);
    }

    [Fact]
    public async Task An_invitation_for_a_contact_that_cannot_be_read_fails_with_that_reason_for_its_dead_letter_and_is_queued_again_once_it_can()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "DLV-1", "dlv.one@example.org"));
        var invitation = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));
        await SealUnderAsync(RemovedKey, procedureId, "dlv.one@example.org");

        var refused = await app.Client.PostAsync("/DeliverSurveyInvitation",
            Invocations.ServiceBus("invitation", invitation.ToQueueText(), "dlv-message", deliveryCount: 10));
        var whileUnreadable = await app.RunTimerAsync(deliver: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal("The patient's contact details cannot be read.", problem["title"]!.GetValue<string>());
        Assert.Contains(Unreadable, problem["detail"]!.GetValue<string>());
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Error") && l.Contains(procedureId) && l.Contains("not sent"));
        Assert.DoesNotContain(whileUnreadable, m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));
        Assert.NotNull((await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.Unsent);   // not handed out

        await SealUnderAsync(app.Service<ContactCipher>(), procedureId, "dlv.one@example.org");
        var again = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal));
        Assert.Equal(invitation.InvitationId, again.InvitationId);
        var delivered = await app.DeliverAsync(again, "dlv-message-2");
        Assert.Equal("dlv.one@example.org", delivered["Outputs"]!["email"]!["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clearing_the_opt_out_of_a_contact_that_cannot_be_read_says_so_instead_of_clearing_nothing()
    {
        var (clinic, procedureId, _) = await TwoPatientsAsync("OPT");

        var response = await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{procedureId}/contact/opt-out", clinic.ApiKey);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("contact-unreadable", (await response.ReadProblemAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_opt_out_for_a_contact_that_cannot_be_read_is_refused_rather_than_acknowledged_and_not_remembered()
    {
        var (clinic, procedureId, _) = await TwoPatientsAsync("OUT");

        var response = await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "opt_out", date = "2026-02-28" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(("contact-unreadable", "type"), (problem["code"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        Assert.Empty(await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
        Assert.DoesNotContain(await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None),
            e => e.Action == "patient-event-recorded");
    }
}
