using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The report's tallies as the pipeline keeps them: registrations, invitations, answers, misses, deaths — each counted
/// once, through duplicate deliveries and a crash between storing an answer and counting it. Clock: 2026-03-01 10:00 Amsterdam.
/// </summary>
public sealed class OutcomeCountingTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<CellTallies> TalliesAsync(string clinicId) =>
        Assert.Single(await app.Service<IOutcomeTallies>().ReadAsync([clinicId], null, null, CancellationToken.None));

    private string Message(string procedureId, int pain) => SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek),
        new DateOnly(2026, 3, 1), new SurveyAnswers(PainScore.From(pain)), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>()).ToQueueText();

    [Fact]
    public async Task Registrations_count_procedures_vertebrae_patients_and_baselines()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0001"));
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-25", "NSC-0001"));
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-26", "NSC-0002"));

        var cohort = (await TalliesAsync(clinic.ClinicId)).Cohort;

        Assert.Equal((3, 3, 2), (cohort.Procedures, cohort.Vertebrae, cohort.Patients));
        Assert.Equal(3, cohort.BaselinePain[8]);
        Assert.Equal(3, cohort.BaselineAnyMedication);
        Assert.Equal(1, cohort.ProceduresByDay[21]);
    }

    [Fact]
    public async Task An_invited_survey_answered_through_duplicate_deliveries_is_counted_once()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22"));
        await app.RunTimerAsync();
        Assert.Equal(1, (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Open);

        var text = Message(procedureId, pain: 5);
        await Task.WhenAll(Enumerable.Range(1, 3).Select(n => app.DeliverResponseAsync(text, "m-1", n)));
        await app.DeliverResponseAsync(Message(procedureId, pain: 1));   // a second, different answer: changes nothing

        var tally = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 1, 0), (tally.Open, tally.Answered, tally.Missed));
        Assert.Equal(1, tally.Patients);
        Assert.Equal(1, tally.Pain[5]);
        Assert.Equal(1, tally.Pain.Sum());
        Assert.Equal(1, tally.Change[5 - 8 + TimePointTally.ChangeOffset]);
        Assert.Equal(1, tally.ImprovedTwoPoints);
    }

    /// <summary>A one-week follow-up invited on 2026-03-01 and answered (pain 4) in storage, but not counted.</summary>
    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> AnswerStoredNotCountedAsync()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22"));
        await app.RunTimerAsync();
        var id = new FollowUpId(procedureId, TimePoint.OneWeek);
        var store = app.Service<IFollowUpStore>();
        await store.RecordAnswerAsync((await store.GetAsync(id, CancellationToken.None))!, new FollowUpAnswer(Guid.NewGuid(), new SurveyAnswers(PainScore.From(4)),
            new DateOnly(2026, 3, 1), app.Clock.Now, AuditActor.PatientLink("ref"), id), CancellationToken.None);
        return (clinic, procedureId);
    }

    [Fact]
    public async Task An_answer_whose_count_died_with_its_process_is_counted_by_the_timers_next_round()
    {
        // The delivery was answered (the answer is stored) and the process ended before the count written behind it.
        var (clinic, procedureId) = await AnswerStoredNotCountedAsync();
        Assert.Equal((1, 0), ((await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Open, (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Answered));

        app.Clock.Now = app.Clock.Now.AddHours(1);
        await app.RunTimerAsync();

        var tally = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 1), (tally.Open, tally.Answered));
        Assert.Equal(1, tally.Pain[4]);
    }

    [Fact]
    public async Task An_answer_stored_by_a_delivery_that_died_before_counting_is_counted_by_the_redelivery()
    {
        // The first delivery's first step only: the answer is stored, the handler dies before counting it.
        var (clinic, procedureId) = await AnswerStoredNotCountedAsync();
        Assert.Equal(0, (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Answered);

        await app.DeliverResponseAsync(Message(procedureId, pain: 4), "m-2", deliveryCount: 2);
        await app.DeliverResponseAsync(Message(procedureId, pain: 4), "m-2", deliveryCount: 3);

        var tally = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 1), (tally.Open, tally.Answered));
        Assert.Equal(1, tally.Pain[4]);
    }

    [Fact]
    public async Task A_missed_survey_cancelled_by_a_request_that_died_before_counting_is_moved_from_missed_by_the_timer()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-01-01", "NSC-0093"));   // one week closed: missed
        var read = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!;
        Assert.Equal(FollowUpStatus.Missed, read.Record.Status);

        // A death dated before the window opened, stored by a request that died before counting it.
        var cancelled = read.Record.After(PatientEventType.Death, new DateOnly(2026, 1, 5));
        Assert.True(await app.Service<IFollowUpStore>().TryUpdateAsync(read, cancelled, new AuditEntry(AuditSubjects.Procedure(procedureId), app.Clock.Now,
            AuditActor.System("test"), "follow-up-cancelled", new Dictionary<string, string?>()), CancellationToken.None));
        await app.RunTimerAsync();

        var week = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 0, 1), (week.Open, week.Missed, week.Cancelled));
        Assert.Equal(1, week.NotDueByDay[0]);
    }

    [Fact]
    public async Task One_answer_covering_two_procedures_at_a_time_point_other_than_its_leads_is_one_observation_there()
    {
        app.Clock.Now = new DateTimeOffset(2026, 2, 26, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var lead = await app.RegisterAsync(clinic, Pipeline.Registration("2025-08-26", "NSC-0094"));   // six months due 2026-02-26
        await app.RegisterAsync(clinic, Pipeline.Registration("2025-11-25", "NSC-0094"));              // three months due 2026-02-25
        await app.RegisterAsync(clinic, Pipeline.Registration("2025-11-26", "NSC-0094"));              // three months due 2026-02-26
        var message = Assert.Single(await app.RunTimerAsync(), m => m.FollowUpId.StartsWith(lead));
        Assert.Equal($"{lead}_6m", message.FollowUpId);   // the six-month window closes last: it leads

        var (_, answer) = await app.SubmitAsync(app.TokenFor(message.FollowUpId), "{\"pain\":2}");
        (await app.DeliverResponseAsync(answer!)).EnsureSuccessStatusCode();
        (await app.DeliverResponseAsync(answer!, "again")).EnsureSuccessStatusCode();   // a second delivery changes nothing

        var cells = await app.Service<IOutcomeTallies>().ReadAsync([clinic.ClinicId], null, null, CancellationToken.None);
        int Sum(string timePoint, Func<TimePointTally, int> figure) => cells.Sum(c => c.TimePoints.TryGetValue(timePoint, out var t) ? figure(t) : 0);
        Assert.Equal((2, 1, 1), (Sum("3m", t => t.Answered), Sum("3m", t => t.Pain.Sum()), Sum("3m", t => t.Patients)));
        Assert.Equal((1, 1), (Sum("6m", t => t.Answered), Sum("6m", t => t.Pain.Sum())));
    }

    [Fact]
    public async Task A_survey_is_due_once_its_window_opens_whether_or_not_the_timer_has_run()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0091"));   // one week: 2026-02-27
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-23", "NSC-0092"));   // one week: 2026-03-02

        var report = OutcomeReportBuilder.Build([await TalliesAsync(clinic.ClinicId)], new(), new DateOnly(2026, 3, 1),
            app.Service<Domain.Benchmarks.BenchmarkCatalog>(), suppression: null);

        var week = report.TimePoints.Single(t => t.TimePoint == "1w");
        Assert.Equal((1, 0), (week.Due.Value, week.Answered.Value));   // no timer run yet, nothing invited
        Assert.Equal(0, report.TimePoints.Single(t => t.TimePoint == "1m").Due.Value);
    }

    [Fact]
    public async Task One_answer_to_an_invitation_covering_two_procedures_is_one_observation_and_one_patient()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var first = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0090"));
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-25", "NSC-0090"));
        var message = Assert.Single(await app.RunTimerAsync(), m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second));

        var (_, answer) = await app.SubmitAsync(app.TokenFor(message.FollowUpId), "{\"pain\":3}");
        (await app.DeliverResponseAsync(answer!)).EnsureSuccessStatusCode();

        var week = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal(2, week.Answered);          // both follow-ups are answered
        Assert.Equal(1, week.Pain.Sum());        // by one answer
        Assert.Equal(1, week.Pain[3]);
        Assert.Equal(1, week.Patients);
        var report = OutcomeReportBuilder.Build([await TalliesAsync(clinic.ClinicId)], new(), new DateOnly(2026, 3, 4),
            app.Service<Domain.Benchmarks.BenchmarkCatalog>(), suppression: null);
        Assert.Equal(1, report.TimePoints.Single(t => t.TimePoint == "1w").Pain.Value!.N);
    }

    [Fact]
    public async Task Missed_and_cancelled_surveys_and_early_deaths_are_counted()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-01", "NSC-0010"));
        var dies = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0011"));
        await app.RunTimerAsync();
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{dies}/events", clinic.ApiKey, new { type = "death", date = "2026-03-01" })).EnsureSuccessStatusCode();

        var tallies = await TalliesAsync(clinic.ClinicId);
        Assert.Equal(1, tallies.TimePoints["1w"].Missed);   // 2026-02-01's one-week survey closed before registration
        Assert.Equal(1, tallies.TimePoints["1w"].Cancelled);
        Assert.Equal(1, tallies.TimePoints["1m"].Open);     // 2026-02-01's one-month survey, due today
        Assert.Equal(5, tallies.TimePoints.Values.Sum(t => t.Cancelled));   // all five of the patient who died
        Assert.Equal(0, tallies.TimePoints["1w"].Open);
        // The one-week window opened on the day of the death: due. The later ones open after it: never due.
        Assert.Equal(0, tallies.TimePoints["1w"].NotDueByDay.Sum());
        Assert.All(TimePoint.All.Skip(1), t => Assert.Equal(1, tallies.TimePoints[t.Code].NotDueByDay[21]));
        Assert.Equal(1, tallies.Cohort.EarlyDeathPatientsByDay[21]);
    }

    [Fact]
    public async Task A_patient_with_fractures_reported_on_two_procedures_is_one_patient_with_a_new_fracture()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var first = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-02", "NSC-0020"));
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-09", "NSC-0020"));

        foreach (var (procedureId, date) in new[] { (first, "2026-02-20"), (second, "2026-02-25"), (second, "2026-02-26") })
            (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey,
                new { type = "new_fracture", date, levels = new[] { "L3" } })).EnsureSuccessStatusCode();

        var cohort = (await TalliesAsync(clinic.ClinicId)).Cohort;
        Assert.Equal((1, 1, 3), (cohort.Patients, cohort.PatientsWithNewFracture, cohort.NewFractures));
    }

    [Fact]
    public async Task A_cancellation_stored_by_a_request_that_died_before_counting_it_is_counted_by_the_next_stopping_event()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0030"));
        await app.RunTimerAsync();
        // A first request's first step only: the invited one-week survey is cancelled (with its audit entry), not counted.
        var store = app.Service<IFollowUpStore>();
        var read = (await store.GetAsync(new FollowUpId(procedureId, TimePoint.OneWeek), CancellationToken.None))!;
        Assert.True(await store.TryUpdateAsync(read, read.Record.After(PatientEventType.Withdrawal, new DateOnly(2026, 3, 1)),
            new AuditEntry(AuditSubjects.Procedure(procedureId), app.Clock.Now, AuditActor.System("test"), "follow-up-cancelled", new Dictionary<string, string?>()),
            CancellationToken.None));
        Assert.Equal((1, 0), ((await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Open, (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Cancelled));

        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "withdrawal", date = "2026-03-01" })).EnsureSuccessStatusCode();
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "withdrawal", date = "2026-03-01" })).Dispose();   // a repeat counts nothing again

        var tallies = await TalliesAsync(clinic.ClinicId);
        Assert.Equal((0, 1), (tallies.TimePoints["1w"].Open, tallies.TimePoints["1w"].Cancelled));
        Assert.Equal(5, tallies.TimePoints.Values.Sum(t => t.Cancelled));
    }

    [Fact]
    public async Task An_answer_kept_after_a_cancellation_moves_its_count_from_cancelled_to_answered()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0020"));
        await app.RunTimerAsync();
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "withdrawal", date = "2026-03-01" })).EnsureSuccessStatusCode();
        Assert.Equal(1, (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"].Cancelled);

        await app.DeliverResponseAsync(Message(procedureId, pain: 3));   // given on 2026-03-01, the withdrawal's day

        var tally = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 1, 0, 1), (tally.Cancelled, tally.Answered, tally.Open, tally.Pain[3]));
    }

    [Fact]
    public async Task An_answer_kept_after_its_follow_up_left_the_due_index_is_still_counted_by_the_timer_when_its_count_died()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0021", email: "patient.0021@example.org"));   // its own: the opt-out is remembered for it
        await app.RunTimerAsync();
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "opt_out", date = "2026-03-01" })).EnsureSuccessStatusCode();
        await app.RunTimerAsync();   // the cancelled follow-ups are settled and leave the due index
        var id = new FollowUpId(procedureId, TimePoint.OneWeek);
        var store = app.Service<IFollowUpStore>();
        var recorded = await store.RecordAnswerAsync((await store.GetAsync(id, CancellationToken.None))!, new FollowUpAnswer(Guid.NewGuid(),
            new SurveyAnswers(PainScore.From(6)), new DateOnly(2026, 3, 1), app.Clock.Now, AuditActor.PatientLink("ref"), id), CancellationToken.None);
        Assert.Equal(AnswerOutcome.Recorded, recorded.Outcome);   // stored, and its count died with the process

        await app.RunTimerAsync();

        var tally = (await TalliesAsync(clinic.ClinicId)).TimePoints["1w"];
        Assert.Equal((0, 1, 1), (tally.Cancelled, tally.Answered, tally.Pain[6]));
    }

    [Fact]
    public async Task A_patient_is_counted_once_in_the_cell_of_their_earliest_procedure_whatever_the_order_and_timing_of_registrations()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0030"));   // registered first, done later
        await app.RegisterAsync(clinic, Pipeline.Registration("2026-01-15", "NSC-0030"));
        await Task.WhenAll(new[] { "2026-02-10", "2026-01-20", "2026-02-25", "2026-01-05" }
            .Select(day => app.RegisterAsync(clinic, Pipeline.Registration(day, "NSC-0031"))));   // at the same instant

        var cells = await app.Service<IOutcomeTallies>().ReadAsync([clinic.ClinicId], null, null, CancellationToken.None);

        Assert.Equal(6, cells.Sum(c => c.Cohort.Procedures));
        Assert.Equal(2, cells.Sum(c => c.Cohort.Patients));
        Assert.Equal(2, cells.Where(c => c.Cell.MonthCode == "2026-01").Sum(c => c.Cohort.Patients));   // both in their earliest month
    }

    [Fact]
    public async Task What_patients_report_of_new_fractures_is_counted_once_per_patient_apart_from_and_together_with_the_clinics_record()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var first = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0040"));
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0040"));
        var other = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-0041"));
        await app.RunTimerAsync();
        string Answer(string procedureId, NewFractureAnswer fracture) => SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek),
            new DateOnly(2026, 3, 1), new SurveyAnswers(PainScore.From(4), NewFracture: fracture), AuditActor.PatientLink("ref"), app.Clock.Now,
            app.Service<ContactCipher>()).ToQueueText();

        var yes = Answer(first, NewFractureAnswer.Yes);
        await app.DeliverResponseAsync(yes);
        await app.DeliverResponseAsync(yes);                                        // redelivered
        await app.DeliverResponseAsync(Answer(second, NewFractureAnswer.Yes));     // the same patient again, on another procedure
        await app.DeliverResponseAsync(Answer(other, NewFractureAnswer.Unsure));
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{other}/events", clinic.ApiKey, new { type = "new_fracture", date = "2026-03-01" })).EnsureSuccessStatusCode();

        var cohort = (await TalliesAsync(clinic.ClinicId)).Cohort;
        Assert.Equal((1, 1, 1, 2), (cohort.PatientsReportingNewFracture, cohort.PatientsUnsureOfNewFracture, cohort.PatientsWithNewFracture, cohort.PatientsWithAnyNewFracture));
        var report = await (await app.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey)).ReadObjectAsync();
        var fractures = report["newFractures"]!;
        Assert.Equal((1, 1, 2), (fractures["reportedByPatient"]!.GetValue<int>(), fractures["unsureByPatient"]!.GetValue<int>(), fractures["either"]!.GetValue<int>()));
    }
}
