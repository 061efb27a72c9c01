using System.Net;
using System.Text.Json;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>RecordSurveyResponse as the host delivers survey-responses messages: at least once, maybe twice, maybe garbage.</summary>
public sealed class RecordSurveyResponseTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<string> RegisterAsync(Access.RegisteredClinic? clinic = null, string date = "2026-02-22", string patientRef = "NSC-0001") =>
        await app.RegisterAsync(clinic ?? await app.CreateClinicAsync(), Pipeline.Registration(date, patientRef));

    private string Message(string followUpId, int pain, DateOnly? answeredOn = null) => SurveyResponseMessage.Create(
        FollowUpId.TryParse(followUpId, out var id) ? id : throw new ArgumentException(followUpId), answeredOn ?? new DateOnly(2026, 3, 1),
        new SurveyAnswers(PainScore.From(pain)), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>()).ToQueueText();

    [Fact]
    public async Task An_answer_is_stored_once_however_often_it_is_delivered()
    {
        var procedureId = await RegisterAsync();
        var text = Message($"{procedureId}_1w", pain: 3);

        var deliveries = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => app.DeliverResponseAsync(text, "m-1", deliveryCount: n)));

        Assert.All(deliveries, d => Assert.Equal(HttpStatusCode.OK, d.StatusCode));
        var record = (await app.Service<IProcedureStore>().FindAsync(procedureId, CancellationToken.None))!;
        Assert.Equal(3, Assert.Single(record.Answers!).Value.Answers.Pain.Value);
        Assert.Equal(FollowUpStatus.Answered, record.FollowUps[0].FollowUp.Status);
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        Assert.Single(trail, e => e.Action == "follow-up-answered");
    }

    /// <summary>A message as the survey link queues it: with the follow-up as the link read it, sealed.</summary>
    private async Task<string> MessageSeenAsync(FollowUpId id, int pain, Func<string, string>? garble = null)
    {
        var store = app.Service<IFollowUpStore>();
        var snapshot = store.Snapshot((await store.GetAsync(id, CancellationToken.None))!);
        var message = SurveyResponseMessage.Create(id, new DateOnly(2026, 3, 1), new SurveyAnswers(PainScore.From(pain)), AuditActor.PatientLink("ref"),
            app.Clock.Now, app.Service<ContactCipher>(), snapshot);
        return (garble is null ? message : message with { SealedFollowUp = garble(message.SealedFollowUp!) }).ToQueueText();
    }

    [Fact]
    public async Task An_answer_carrying_its_follow_up_as_read_is_stored_at_that_version_and_also_when_it_changed_since()
    {
        var unchanged = new FollowUpId(await RegisterAsync(patientRef: "NSC-0201"), TimePoint.OneWeek);
        var changed = new FollowUpId(await RegisterAsync(patientRef: "NSC-0202"), TimePoint.OneWeek);
        var garbled = new FollowUpId(await RegisterAsync(patientRef: "NSC-0203"), TimePoint.OneWeek);
        var texts = (await MessageSeenAsync(unchanged, 3), await MessageSeenAsync(changed, 4), await MessageSeenAsync(garbled, 5, s => "x" + s[1..]));
        var store = app.Service<IFollowUpStore>();
        var read = (await store.GetAsync(changed, CancellationToken.None))!;   // the follow-up changes after the answer was queued
        Assert.True(await store.TryUpdateAsync(read, read.Record.Invite(new DateOnly(2026, 3, 1), "inv-1"),
            new AuditEntry(AuditSubjects.Procedure(changed.ProcedureId), app.Clock.Now, AuditActor.System("test"), "follow-up-invited", new Dictionary<string, string?>()),
            CancellationToken.None));

        foreach (var text in new[] { texts.Item1, texts.Item2, texts.Item3 })
            Assert.Contains(": Recorded.", (await (await app.DeliverResponseAsync(text)).ReadObjectAsync())["Logs"]![0]!.GetValue<string>());

        foreach (var (id, pain) in new[] { (unchanged, 3), (changed, 4), (garbled, 5) })
        {
            Assert.Equal(pain, (await store.FindAnswerAsync(id, CancellationToken.None))!.Answers.Pain.Value);
            var now = (await store.GetAsync(id, CancellationToken.None))!.Record;
            Assert.Equal((FollowUpStatus.Answered, new DateOnly(2026, 3, 1)), (now.Status, now.AnsweredOn));
        }
        Assert.Equal("inv-1", (await store.GetAsync(changed, CancellationToken.None))!.Record.InvitationId);
        Assert.Equal(FollowUpStatus.Invited, (await store.FindAnswerAsync(changed, CancellationToken.None))!.Before);
    }

    [Fact]
    public async Task The_audit_trail_shows_an_answer_in_its_place_with_who_gave_it_and_what_it_answered()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var procedureId = await RegisterAsync(patientRef: "NSC-0301");
        app.Clock.Now = app.Clock.Now.AddHours(1);
        var text = Message($"{procedureId}_1w", pain: 3);
        await app.DeliverResponseAsync(text);
        var trail = app.Service<IAuditTrail>();
        await trail.AppendAsync(new AuditEntry(AuditSubjects.Procedure(procedureId), app.Clock.Now.AddHours(1), AuditActor.System("test"), "later",
            new Dictionary<string, string?>()), CancellationToken.None);

        var entries = await trail.ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);

        Assert.Equal(["procedure-registered", "follow-up-answered", "later"], entries.Select(e => e.Action));
        var answered = entries[1];
        Assert.Equal(AuditActor.PatientLink("ref"), answered.Actor);
        Assert.Equal(app.Clock.Now, answered.At);
        Assert.Equal(("1w", JsonDocument.Parse(text).RootElement.GetProperty("responseId").GetString(), "2026-03-01"),
            (answered.Changes["timePoint"], answered.Changes["responseId"], answered.Changes["answeredOn"]));
    }

    [Fact]
    public async Task A_second_answer_to_the_same_follow_up_changes_nothing()
    {
        var procedureId = await RegisterAsync();
        await app.DeliverResponseAsync(Message($"{procedureId}_1w", pain: 3));

        var second = await app.DeliverResponseAsync(Message($"{procedureId}_1w", pain: 9));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("AlreadyAnswered", (await second.ReadObjectAsync())["Logs"]![0]!.GetValue<string>());
        var answer = await app.Service<IFollowUpStore>().FindAnswerAsync(new FollowUpId(procedureId, TimePoint.OneWeek), CancellationToken.None);
        Assert.Equal(3, answer!.Answers.Pain.Value);
    }

    [Fact]
    public async Task The_answer_to_a_shared_invitation_counts_for_each_follow_up_it_covered()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var first = await RegisterAsync(clinic, "2026-02-22", "NSC-0100");
        var second = await RegisterAsync(clinic, "2026-02-25", "NSC-0100");
        var invitation = Assert.Single(await app.RunTimerAsync(), m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second));

        await app.DeliverResponseAsync(Message(invitation.FollowUpId, pain: 2, answeredOn: new DateOnly(2026, 3, 4)));

        foreach (var procedureId in new[] { first, second })
        {
            var record = (await app.Service<IProcedureStore>().FindAsync(procedureId, CancellationToken.None))!;
            Assert.Equal(2, record.Answers!["1w"].Answers.Pain.Value);
            Assert.Equal(FollowUpStatus.Answered, record.FollowUps[0].FollowUp.Status);
        }
    }

    [Fact]
    public async Task An_answer_dated_outside_the_window_is_not_stored()
    {
        var procedureId = await RegisterAsync();

        await app.DeliverResponseAsync(Message($"{procedureId}_1w", pain: 3, answeredOn: new DateOnly(2026, 3, 22)));

        Assert.Null(await app.Service<IFollowUpStore>().FindAnswerAsync(new FollowUpId(procedureId, TimePoint.OneWeek), CancellationToken.None));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"followUpId\":\"abc_1w\"}")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"followUpId\":\"abc_2w\",\"answeredOn\":\"2026-03-01\",\"sealedAnswers\":\"x\",\"source\":{\"kind\":\"PatientLink\",\"id\":\"r\"},\"submittedAt\":\"2026-03-01T08:59:00Z\"}")]
    [InlineData("{\"responseId\":\"5f1d7c4e-0000-4000-8000-000000000001\",\"followUpId\":\"abc_1w\",\"answeredOn\":\"2026-03-01\",\"sealedAnswers\":\"test:AAAA:BBBB\",\"source\":{\"kind\":\"PatientLink\",\"id\":\"r\"},\"submittedAt\":\"2026-03-01T08:59:00Z\"}")]
    public async Task A_message_that_can_never_be_recorded_fails_the_invocation_with_a_reason(string text)
    {
        var response = await app.DeliverResponseAsync(text, "m-bad");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("urn:outcomes:problem:malformed-message", problem["type"]!.GetValue<string>());
        Assert.Contains("m-bad", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_sealed_under_a_key_this_deployment_does_not_hold_are_refused()
    {
        var procedureId = await RegisterAsync();
        var foreign = new ContactCipher("other:" + Convert.ToBase64String(new byte[32]));
        var text = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), new DateOnly(2026, 3, 1),
            new SurveyAnswers(PainScore.From(1)), AuditActor.PatientLink("ref"), app.Clock.Now, foreign).ToQueueText();

        var response = await app.DeliverResponseAsync(text);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be opened", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"pain\": 4, \"newFracture\": \"\\ud800\"}")]
    [InlineData("{\"pain\": 4, \"pain\": 5}")]
    [InlineData("{\"pain\": 4, \"opioid\": {\"na\\udc00me\": \"x\"}}")]
    public async Task Sealed_answers_that_are_not_strict_json_are_a_400_not_a_500(string answersJson)
    {
        var procedureId = await RegisterAsync();
        var cipher = app.Service<ContactCipher>();
        var valid = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), new DateOnly(2026, 3, 1),
            new SurveyAnswers(PainScore.From(1)), AuditActor.PatientLink("ref"), app.Clock.Now, cipher);
        var text = (valid with { SealedAnswers = cipher.Seal(System.Text.Encoding.UTF8.GetBytes(answersJson)) }).ToQueueText();

        var response = await app.DeliverResponseAsync(text);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
        Assert.Null(await app.Service<IFollowUpStore>().FindAnswerAsync(new FollowUpId(procedureId, TimePoint.OneWeek), CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_acknowledged_before_an_opt_out_is_kept_when_its_message_arrives_after_it()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        // Its own address: the opt-out is remembered for it, and other tests here register the shared one.
        var procedureId = await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-22", "NSC-0400", email: "patient.0400@example.org"));
        var token = app.TokenFor($"{procedureId}_1w");
        var (http, message) = await app.SubmitAsync(token, "{\"pain\":2}");
        Assert.Equal(202, http.Status());

        (await app.Client.PostAsync($"/api/surveys/{token}/opt-out", new StringContent("List-Unsubscribe=One-Click"))).EnsureSuccessStatusCode();
        var cancelled = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();

        Assert.Equal((FollowUpStatus.Cancelled, new DateOnly(2026, 3, 1)), (cancelled.Status, cancelled.CancelledAsOf));
        Assert.Equal(FollowUpStatus.Answered, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.Status);
        Assert.Equal(FollowUpStatus.Cancelled, (await app.FollowUpAsync(procedureId, TimePoint.OneMonth))!.Record.Status);
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var oneWeek = trail.Where(e => e.Changes.GetValueOrDefault("timePoint") == "1w").Select(e => e.Action).ToList();
        Assert.Equal(["follow-up-cancelled", "follow-up-answered"], oneWeek);
        Assert.Equal("2026-03-01", trail.First(e => e.Action == "follow-up-cancelled").Changes["asOf"]);
    }

    [Fact]
    public async Task A_paper_answer_given_before_the_patients_death_counts_and_one_dated_after_it_does_not()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var before = await RegisterAsync(clinic, patientRef: "NSC-0500");
        var after = await RegisterAsync(clinic, date: "2026-02-21", patientRef: "NSC-0500");
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{before}/events", clinic.ApiKey, new { type = "death", date = "2026-03-03" })).EnsureSuccessStatusCode();

        (await app.DeliverResponseAsync(Message($"{before}_1w", pain: 4, answeredOn: new DateOnly(2026, 3, 2)))).EnsureSuccessStatusCode();
        (await app.DeliverResponseAsync(Message($"{after}_1w", pain: 4, answeredOn: new DateOnly(2026, 3, 4)))).EnsureSuccessStatusCode();

        Assert.Equal(FollowUpStatus.Answered, (await app.FollowUpAsync(before, TimePoint.OneWeek))!.Record.Status);
        Assert.Equal(FollowUpStatus.Cancelled, (await app.FollowUpAsync(after, TimePoint.OneWeek))!.Record.Status);
    }

    [Fact]
    public async Task An_answer_stored_before_a_withdrawal_dated_earlier_leaves_the_outcomes_and_the_audit_shows_both()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await RegisterAsync(clinic, patientRef: "NSC-0600");   // one week: open 2026-03-01 to 2026-03-21
        (await app.DeliverResponseAsync(Message($"{procedureId}_1w", pain: 6, answeredOn: new DateOnly(2026, 3, 4)))).EnsureSuccessStatusCode();
        var tallies = app.Service<Outcomes.Storage.IOutcomeTallies>();
        async Task<Domain.Reports.TimePointTally> WeekAsync() =>
            Assert.Single(await tallies.ReadAsync([clinic.ClinicId], null, null, CancellationToken.None)).TimePoints["1w"];
        Assert.Equal((1, 1), ((await WeekAsync()).Answered, (await WeekAsync()).Pain[6]));

        // The clinic learns later that day that the patient withdrew on 2026-03-02, before answering.
        app.Clock.Now = app.Clock.Now.AddHours(3);
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "withdrawal", date = "2026-03-02" })).EnsureSuccessStatusCode();
        await app.RunTimerAsync();   // it went back in the due index: the round settles it again, counting nothing twice

        var record = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        Assert.Equal((FollowUpStatus.Cancelled, true), (record.Status, record.ExcludedAnswer));
        Assert.NotNull(await app.Service<IFollowUpStore>().FindAnswerAsync(new FollowUpId(procedureId, TimePoint.OneWeek), CancellationToken.None));   // kept on record
        var week = await WeekAsync();
        Assert.Equal((0, 1, 0), (week.Answered, week.Cancelled, week.Pain.Sum()));   // not among the outcomes, once
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var oneWeek = trail.Where(e => e.Changes.GetValueOrDefault("timePoint") == "1w").ToList();
        Assert.Equal(["follow-up-answered", "follow-up-cancelled"], oneWeek.Select(e => e.Action));
        Assert.Equal(("2026-03-02", "2026-03-04"), (oneWeek[1].Changes["asOf"], oneWeek[1].Changes["answerExcluded"]));
    }
}
