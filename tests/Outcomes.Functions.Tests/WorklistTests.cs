using System.Net;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The clinic's worklist: red flags from answers as RecordSurveyResponse stores them, and the calendar's calls and missed surveys. The clock says 2026-03-01.</summary>
public sealed class WorklistTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private string Message(string procedureId, SurveyAnswers answers, TimePoint? timePoint = null) => SurveyResponseMessage.Create(
        new FollowUpId(procedureId, timePoint ?? TimePoint.OneWeek), new DateOnly(2026, 3, 1), answers, AuditActor.PatientLink("ref"), app.Clock.Now,
        app.Service<ContactCipher>()).ToQueueText();

    private async Task<JsonArray> WorklistAsync(Access.RegisteredClinic clinic)
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/worklist", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var worklist = await response.ReadObjectAsync();
        Assert.Equal("2026-03-01", worklist["today"]!.GetValue<string>());
        return worklist["items"]!.AsArray();
    }

    private static JsonObject Single(JsonArray items, string kind) => Assert.Single(items, i => i!["kind"]!.GetValue<string>() == kind)!.AsObject();

    [Fact]
    public async Task A_patients_new_fracture_is_one_item_however_often_delivered_and_leaves_the_list_once_handled_with_the_audit_keeping_it()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0301"));
        var text = Message(procedureId, new SurveyAnswers(PainScore.From(3), NewFracture: NewFractureAnswer.Yes));

        foreach (var delivery in new[] { 1, 2 })
            Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(text, $"m-{delivery}")).StatusCode);

        var item = Single(await WorklistAsync(clinic), "new_fracture");
        Assert.Equal("NSC-0301", item["patientRef"]!.GetValue<string>());
        Assert.Equal("1w", item["timePoint"]!.GetValue<string>());
        Assert.True(item["redFlag"]!.GetValue<bool>());
        Assert.Equal("yes", item["changes"]![0]!["now"]!.GetValue<string>());
        var id = item["id"]!.GetValue<string>();

        var handled = await app.SendAsync(HttpMethod.Post, $"/api/worklist/{id}/handled", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        Assert.False((await handled.ReadObjectAsync())["alreadyHandled"]!.GetValue<bool>());
        Assert.True((await (await app.SendAsync(HttpMethod.Post, $"/api/worklist/{id}/handled", clinic.ApiKey)).ReadObjectAsync())["alreadyHandled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(text, "m-3")).StatusCode);   // delivered again after it was handled

        Assert.DoesNotContain(await WorklistAsync(clinic), i => i!["id"]!.GetValue<string>() == id);
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var entry = Assert.Single(trail, e => e.Action == "worklist-item-handled");
        Assert.Equal(id, entry.Changes["item"]);
        Assert.Equal(clinic.KeyId, entry.Actor.Id);
    }

    [Fact]
    public async Task Pain_two_points_above_baseline_and_unsure_about_a_fracture_are_flags_of_their_own_and_a_calm_answer_raises_none()
    {
        var clinic = await app.CreateClinicAsync();
        var worse = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0302"));     // baseline pain 8
        var calm = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0303"));

        await app.DeliverResponseAsync(Message(worse, new SurveyAnswers(PainScore.From(10), NewFracture: NewFractureAnswer.Unsure)), "m-w");
        await app.DeliverResponseAsync(Message(calm, new SurveyAnswers(PainScore.From(9), NewFracture: NewFractureAnswer.No)), "m-c");

        var items = await WorklistAsync(clinic);
        var pain = Single(items, "pain_worse");
        Assert.Equal(worse, pain["procedureId"]!.GetValue<string>());
        Assert.Equal(["baseline", "8", "10"], new[] { "against", "before", "now" }.Select(f => pain["changes"]![0]![f]!.GetValue<string>()));
        Assert.Equal(worse, Single(items, "possible_new_fracture")["procedureId"]!.GetValue<string>());
        Assert.DoesNotContain(items, i => i!["procedureId"]!.GetValue<string>() == calm);
    }

    [Fact]
    public async Task A_survey_closing_with_its_reminders_spent_is_a_call_and_one_closed_last_week_is_missed_until_handled()
    {
        var clinic = await app.CreateClinicAsync();
        var closing = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-03", "NSC-0304"));   // 1w open until 2026-03-02
        var closed = await app.RegisterAsync(clinic, Pipeline.Registration("2026-01-27", "NSC-0305"));    // 1w closed 2026-02-27
        var store = app.Service<IFollowUpStore>();
        var read = (await store.GetAsync(new FollowUpId(closing, TimePoint.OneWeek), CancellationToken.None))!;
        var reminded = read.Record.Invite(new DateOnly(2026, 2, 10), "inv-1").Remind(1, new DateOnly(2026, 2, 14)).Remind(2, new DateOnly(2026, 2, 21));
        Assert.True(await store.TryUpdateAsync(read, reminded, new AuditEntry(AuditSubjects.Procedure(closing), app.Clock.Now, AuditActor.System("test"),
            "follow-up-reminded", new Dictionary<string, string?>()), CancellationToken.None));

        var items = await WorklistAsync(clinic);

        var call = Single(items, "call_patient");
        Assert.Equal(closing, call["procedureId"]!.GetValue<string>());
        Assert.Equal(2, call["daysLeft"]!.GetValue<int>());
        Assert.Equal("2026-03-02", call["lastDay"]!.GetValue<string>());
        var missed = Single(items, "missed_survey");
        Assert.Equal(closed, missed["procedureId"]!.GetValue<string>());
        Assert.Equal("2026-02-27", missed["closedOn"]!.GetValue<string>());
        Assert.Equal(0, items.IndexOf(call));   // a call before a missed survey

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Post, $"/api/worklist/{missed["id"]!.GetValue<string>()}/handled", clinic.ApiKey)).StatusCode);
        Assert.DoesNotContain(await WorklistAsync(clinic), i => i!["kind"]!.GetValue<string>() == "missed_survey");
    }

    [Theory]
    [InlineData("not-an-item")]
    [InlineData("0123456789abcdef0123456789abcdef_1w_new_fracture")]
    [InlineData("%F0%9F%92%A5")]
    public async Task An_item_that_is_not_the_clinics_is_a_404(string itemId)
    {
        var clinic = await app.CreateClinicAsync();
        var response = await app.SendAsync(HttpMethod.Post, $"/api/worklist/{itemId}/handled", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_item_not_on_the_worklist_cannot_be_marked_ahead_so_a_later_red_flag_still_comes()
    {
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0312"));

        var early = await app.SendAsync(HttpMethod.Post, $"/api/worklist/{procedureId}_1w_new_fracture/handled", clinic.ApiKey);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendAsync(HttpMethod.Post, $"/api/worklist/{procedureId}_1w_missed_survey/handled", clinic.ApiKey)).StatusCode);

        await app.DeliverResponseAsync(Message(procedureId, new SurveyAnswers(PainScore.From(3), NewFracture: NewFractureAnswer.Yes)), "m-later");
        Assert.Equal(procedureId, Single(await WorklistAsync(clinic), "new_fracture")["procedureId"]!.GetValue<string>());
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        Assert.DoesNotContain(trail, e => e.Action == "worklist-item-handled");
    }

    [Fact]
    public async Task Another_clinics_item_is_a_404_and_only_clinic_keys_read_a_worklist()
    {
        var (mine, theirs) = (await app.CreateClinicAsync(), await app.CreateClinicAsync());
        var procedureId = await app.RegisterAsync(theirs, Pipeline.Registration("2026-02-22", "NSC-0306"));
        await app.DeliverResponseAsync(Message(procedureId, new SurveyAnswers(PainScore.From(3), NewFracture: NewFractureAnswer.Yes)), "m-t");

        Assert.Equal(HttpStatusCode.NotFound, (await app.SendAsync(HttpMethod.Post, $"/api/worklist/{procedureId}_1w_new_fracture/handled", mine.ApiKey)).StatusCode);
        Assert.Empty(await WorklistAsync(mine));
        Assert.Single(await WorklistAsync(theirs));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/api/worklist", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/api/worklist", OutcomesApp.AdminKey)).StatusCode);
    }

    private async Task<Access.RegisteredClinic> ClinicWithAlertAddressAsync(string? alertEmail)
    {
        var created = await (await app.SendAsync(HttpMethod.Post, "/api/clinics", OutcomesApp.AdminKey,
            new { name = "Spine Centre Alerts", timeZone = "Europe/Amsterdam", alertEmail })).ReadObjectAsync();
        return new Access.RegisteredClinic(created["clinicId"]!.GetValue<string>(), created["apiKey"]!.GetValue<string>(), created["keyId"]!.GetValue<string>());
    }

    private static JsonArray Alerts(JsonObject invocation) =>
        invocation["Outputs"]?["alert"] is JsonArray alerts ? alerts : [];

    [Fact]
    public async Task A_red_flag_sends_one_alert_to_the_clinics_address_saying_only_where_to_look_and_a_redelivery_sends_it_again_only_as_a_retry()
    {
        var clinic = await ClinicWithAlertAddressAsync("coordinator@spine-alerts.example.org");
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0310", email: "patient.0310@example.org"));
        var text = Message(procedureId, new SurveyAnswers(PainScore.From(7), [Domain.Medications.Medication.StrongOpioid], NewFracture: NewFractureAnswer.Yes));

        var first = await (await app.DeliverResponseAsync(text, "m-a", deliveryCount: 1)).ReadObjectAsync();
        var retried = await (await app.DeliverResponseAsync(text, "m-a", deliveryCount: 2)).ReadObjectAsync();
        var duplicate = await (await app.DeliverResponseAsync(text, "m-b")).ReadObjectAsync();

        var alerts = Alerts(first);
        Assert.Equal(2, alerts.Count);   // a new fracture and a strong opioid started: one e-mail each
        Assert.All(alerts, a => Assert.Equal("coordinator@spine-alerts.example.org", a!["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>()));
        var mail = alerts[0]!.ToJsonString();
        Assert.Contains("/api/dashboard/worklist", mail);
        foreach (var secret in new[] { "NSC-0310", "patient.0310@example.org", procedureId, "pain", "opioid", "fracture" })
            Assert.DoesNotContain(secret, mail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, Alerts(retried).Count);     // the same message again: its first attempt's outputs never went
        Assert.Empty(Alerts(duplicate));            // another copy of the answer: nothing more
        Assert.Equal(2, (await WorklistAsync(clinic)).Count);
    }

    [Fact]
    public async Task Without_an_alert_address_a_red_flag_waits_on_the_worklist_and_nothing_is_sent()
    {
        var clinic = await ClinicWithAlertAddressAsync(null);
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0311"));

        var delivered = await (await app.DeliverResponseAsync(Message(procedureId, new SurveyAnswers(PainScore.From(3), NewFracture: NewFractureAnswer.Yes)), "m-n")).ReadObjectAsync();

        Assert.Empty(Alerts(delivered));
        Assert.Single(await WorklistAsync(clinic));
    }
}
