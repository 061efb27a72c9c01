using System.Security.Cryptography;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableFollowUpStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Key = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly DateOnly ProcedureDate = new(2026, 1, 31);
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private TableProcedureStore Procedures => new(tables, new ContactCipher(Key));
    private TableFollowUpStore FollowUps => new(tables);

    private async Task<string> RegisterAsync(string patientRef = "P-0042", string clinicId = "clinic-a", DateOnly? date = null)
    {
        var registration = new ProcedureRegistration(
            patientRef, new PatientContact("patient@example.org", null, "en"), ProcedureType.Vertebroplasty, date ?? ProcedureDate,
            [VertebralLevel.All.Single(l => l.ToString() == "L1")], Etiology.Osteoporotic,
            new Baseline(PainScore.From(8), [Medication.Paracetamol]), ProcedureDetails.None);
        var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), clinicId, registration, DateTimeOffset.UnixEpoch);
        await Procedures.RegisterAsync(procedure, FollowUpSchedule.For(registration.ProcedureDate, new DateOnly(2026, 2, 7)), CancellationToken.None);
        return procedure.ProcedureId;
    }

    /// <summary>Reads the follow-up and records the answer, as the answer's delivery does.</summary>
    private async Task<AnswerOutcome> RecordAsync(FollowUpId id, FollowUpAnswer answer)
    {
        if (await FollowUps.GetAsync(id, CancellationToken.None) is not { } read)
            return AnswerOutcome.NotFound;
        var recorded = await FollowUps.RecordAnswerAsync(read, answer, CancellationToken.None);
        await (recorded.Tidying ?? Task.CompletedTask);
        return recorded.Outcome;
    }

    private static AuditEntry Changed(FollowUpId id) => new(AuditSubjects.Procedure(id.ProcedureId), DateTimeOffset.UnixEpoch,
        AuditActor.System("test"), "follow-up-changed", new Dictionary<string, string?> { ["timePoint"] = id.TimePoint.Code });

    private static FollowUpAnswer Answer(FollowUpId id, int pain = 3, DateOnly? on = null) => new(
        Guid.NewGuid(), new SurveyAnswers(Domain.Scores.PainScore.From(pain)), on ?? new DateOnly(2026, 2, 10),
        DateTimeOffset.UnixEpoch, AuditActor.PatientLink("link"), id);

    [Fact]
    public async Task A_procedure_reads_back_with_its_answers_for_red_flags_without_its_contact()
    {
        var procedureId = await RegisterAsync(patientRef: "P-0077");
        var id = new FollowUpId(procedureId, TimePoint.OneWeek);
        Assert.Equal(AnswerOutcome.Recorded, await RecordAsync(id, Answer(id, pain: 6)));

        var found = await Procedures.FindAnswersAsync(procedureId, CancellationToken.None);

        Assert.Equal(("P-0077", 8), (found!.Procedure.Registration.PatientRef, found.Procedure.Registration.Baseline.Pain.Value));
        Assert.Equal(6, Assert.Single(found.Answers, a => a.Key == "1w").Value.Answers.Pain.Value);
        Assert.Null(found.Procedure.Registration.Contact.Email);
        Assert.Null(await Procedures.FindAnswersAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Fact]
    public async Task The_due_index_lists_what_is_due_up_to_the_day_and_forgets_what_is_retired()
    {
        var procedureId = await RegisterAsync();

        var upToOneMonth = await FollowUps.OutstandingAsync(new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 28), CancellationToken.None).Where(f => f.Id.ProcedureId == procedureId).ToListAsync();
        Assert.Equal(["1w", "1m"], upToOneMonth.Select(f => f.Id.TimePoint.Code));
        Assert.Equal(new DateOnly(2026, 2, 7), upToOneMonth[0].Due);

        await FollowUps.RetireAsync(upToOneMonth[0], CancellationToken.None);
        await FollowUps.RetireAsync(upToOneMonth[0], CancellationToken.None);   // twice: no harm
        var after = await FollowUps.OutstandingAsync(new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 28), CancellationToken.None).Where(f => f.Id.ProcedureId == procedureId).ToListAsync();
        Assert.Equal(["1m"], after.Select(f => f.Id.TimePoint.Code));
    }

    [Fact]
    public async Task An_update_lands_only_on_the_version_it_read()
    {
        var id = new FollowUpId(await RegisterAsync(), TimePoint.OneWeek);
        var read = (await FollowUps.GetAsync(id, CancellationToken.None))!;
        var invited = read.Record with { FollowUp = read.Record.FollowUp with { Status = FollowUpStatus.Invited }, InvitedOn = new DateOnly(2026, 2, 7), InvitationId = "inv-1",
            Covers = [new FollowUpId("other", TimePoint.OneMonth)] };

        Assert.True(await FollowUps.TryUpdateAsync(read, invited, Changed(read.Id), CancellationToken.None));
        Assert.False(await FollowUps.TryUpdateAsync(read, invited with { InvitationId = "inv-2" }, Changed(read.Id), CancellationToken.None));

        var now = (await FollowUps.GetAsync(id, CancellationToken.None))!.Record;
        Assert.Equal(FollowUpStatus.Invited, now.FollowUp.Status);
        Assert.Equal("inv-1", now.InvitationId);
        Assert.Equal(["other_1m"], now.Covers!.Select(c => c.Value));
        Assert.Equal(read.Record.FollowUp.Window, now.FollowUp.Window);
        // The change's audit entry went with it; the refused one left none.
        var trail = await new TableAuditTrail(tables).ReadAsync(AuditSubjects.Procedure(id.ProcedureId), CancellationToken.None);
        Assert.Single(trail, e => e.Action == "follow-up-changed");
    }

    [Fact]
    public async Task A_snapshot_stands_for_the_read_it_was_made_from()
    {
        var id = new FollowUpId(await RegisterAsync(), TimePoint.OneWeek);
        var read = (await FollowUps.GetAsync(id, CancellationToken.None))!;
        var invited = read.Record.Invite(new DateOnly(2026, 2, 7), "inv-7", covers: [new FollowUpId("other", TimePoint.OneMonth)]);
        Assert.True(await FollowUps.TryUpdateAsync(read, invited, Changed(read.Id), CancellationToken.None));
        var again = (await FollowUps.GetAsync(id, CancellationToken.None))!;

        var restored = FollowUps.FromSnapshot(FollowUps.Snapshot(again))!;

        Assert.Equal((again.Id, again.Version, again.Tally), (restored.Id, restored.Version, restored.Tally));
        Assert.NotNull(restored.Tally);
        Assert.Equal(again.Record with { Covers = null }, restored.Record with { Covers = null });
        Assert.Equal(again.Record.Covers, restored.Record.Covers);
        Assert.Null(FollowUps.FromSnapshot("{\"Id\":\"nope\"}"));
        Assert.Null(FollowUps.FromSnapshot("not json"));
    }

    [Fact]
    public async Task An_answer_is_recorded_once_and_marks_the_follow_up_answered()
    {
        var id = new FollowUpId(await RegisterAsync(), TimePoint.OneWeek);
        var first = Answer(id, pain: 3);

        Assert.Equal(AnswerOutcome.Recorded, await RecordAsync(id, first));
        Assert.Equal(AnswerOutcome.AlreadyAnswered, await RecordAsync(id, first));
        Assert.Equal(AnswerOutcome.AlreadyAnswered, await RecordAsync(id, Answer(id, pain: 9)));

        var stored = (await FollowUps.FindAnswerAsync(id, CancellationToken.None))!;
        Assert.Equal(first.ResponseId, stored.ResponseId);
        Assert.Equal(3, stored.Answers.Pain.Value);
        Assert.Equal(AuditActor.PatientLink("link"), stored.Source);
        var followUp = (await FollowUps.GetAsync(id, CancellationToken.None))!.Record;
        Assert.Equal(FollowUpStatus.Answered, followUp.FollowUp.Status);
        Assert.Equal(new DateOnly(2026, 2, 10), followUp.AnsweredOn);
    }

    [Fact]
    public async Task Answers_arriving_at_once_are_recorded_once()
    {
        var id = new FollowUpId(await RegisterAsync(), TimePoint.OneWeek);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RecordAsync(id, Answer(id, pain: i))));

        Assert.Single(outcomes, o => o == AnswerOutcome.Recorded);
        Assert.All(outcomes.Where(o => o != AnswerOutcome.Recorded), o => Assert.Equal(AnswerOutcome.AlreadyAnswered, o));
    }

    [Fact]
    public async Task An_answer_outside_the_window_or_to_a_cancelled_follow_up_is_not_recorded()
    {
        var id = new FollowUpId(await RegisterAsync(), TimePoint.OneWeek);   // open 2026-02-07 until before 2026-02-28
        Assert.Equal(AnswerOutcome.NotOpen, await RecordAsync(id, Answer(id, on: new DateOnly(2026, 2, 28))));
        Assert.Equal(AnswerOutcome.NotOpen, await RecordAsync(id, Answer(id, on: new DateOnly(2026, 2, 6))));

        var read = (await FollowUps.GetAsync(id, CancellationToken.None))!;
        await FollowUps.TryUpdateAsync(read, read.Record with { FollowUp = read.Record.FollowUp with { Status = FollowUpStatus.Cancelled } }, Changed(read.Id), CancellationToken.None);
        Assert.Equal(AnswerOutcome.NotOpen, await RecordAsync(id, Answer(id)));
        Assert.Null(await FollowUps.FindAnswerAsync(id, CancellationToken.None));
        Assert.Equal(AnswerOutcome.NotFound, await RecordAsync(new FollowUpId("nope", TimePoint.OneWeek), Answer(id)));
    }

    [Fact]
    public async Task A_patients_procedures_are_found_by_clinic_and_reference_only()
    {
        var first = await RegisterAsync("P/7#1");
        var second = await RegisterAsync("P/7#1");
        await RegisterAsync("P/7#2");
        await RegisterAsync("P/7#1", clinicId: "clinic-b");

        var found = await Procedures.ProceduresOfPatientAsync("clinic-a", "P/7#1", CancellationToken.None);

        Assert.Equal(new[] { first, second }.Order(), found.Order());
    }
}
