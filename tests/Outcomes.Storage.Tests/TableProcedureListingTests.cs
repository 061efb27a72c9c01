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

public sealed class TableProcedureListingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Key = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly DateOnly Today = new(2026, 2, 7);
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
    private TableProcedureStore Procedures => new(tables, new ContactCipher(Key));
    private TableFollowUpStore FollowUps => new(tables);
    private TableProcedureListing Listing => new(tables, new ContactCipher(Key), Procedures);

    private async Task<string> RegisterAsync(string clinicId = "clinic-a", string patientRef = "P-0042", DateOnly? date = null)
    {
        var registration = new ProcedureRegistration(
            patientRef, new PatientContact("patient@example.org", null, "en"), ProcedureType.Vertebroplasty, date ?? new DateOnly(2026, 1, 31),
            [VertebralLevel.All.Single(l => l.ToString() == "L1")], Etiology.Osteoporotic,
            new Baseline(PainScore.From(8), [Medication.Paracetamol]), ProcedureDetails.None);
        var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), clinicId, registration, DateTimeOffset.UnixEpoch);
        await Procedures.RegisterAsync(procedure, FollowUpSchedule.For(registration.ProcedureDate, Today), CancellationToken.None);
        return procedure.ProcedureId;
    }

    private async Task<List<string>> AllPagesAsync(string clinicId, FollowUpFilter filter, int pageSize, string? patientRef = null)
    {
        var listed = new List<string>();
        string? continuation = null;
        do
        {
            var page = await Listing.ListAsync(clinicId, filter, patientRef, pageSize, continuation, CancellationToken.None);
            Assert.True(page.Procedures.Count <= pageSize);
            listed.AddRange(page.Procedures.Select(p => p.Procedure.ProcedureId));
            continuation = page.Continuation;
        } while (continuation is not null);
        return listed;
    }

    private static AuditEntry Changed(FollowUpId id) => new(AuditSubjects.Procedure(id.ProcedureId), DateTimeOffset.UnixEpoch,
        AuditActor.System("test"), "follow-up-changed", new Dictionary<string, string?> { ["timePoint"] = id.TimePoint.Code });

    private async Task InviteAsync(string procedureId, TimePoint timePoint)
    {
        var read = (await FollowUps.GetAsync(new FollowUpId(procedureId, timePoint), CancellationToken.None))!;
        Assert.True(await FollowUps.TryUpdateAsync(read, read.Record.Invite(Today, "inv-1"), Changed(read.Id), CancellationToken.None));
    }

    private async Task AnswerAsync(string procedureId, TimePoint timePoint)
    {
        var id = new FollowUpId(procedureId, timePoint);
        var read = (await FollowUps.GetAsync(id, CancellationToken.None))!;
        var answer = new FollowUpAnswer(Guid.NewGuid(), new SurveyAnswers(PainScore.From(3)), Today, DateTimeOffset.UnixEpoch, AuditActor.PatientLink("link"), id);
        var recorded = await FollowUps.RecordAnswerAsync(read, answer, CancellationToken.None);
        Assert.Equal(AnswerOutcome.Recorded, recorded.Outcome);
        await recorded.Tidying!;   // as the answer's delivery waits for it
    }

    [Fact]
    public async Task Every_procedure_of_the_clinic_comes_once_page_by_page_and_no_other_clinics()
    {
        var mine = new List<string>();
        for (var i = 0; i < 7; i++)
            mine.Add(await RegisterAsync(patientRef: $"P-{i % 3}"));
        var theirs = await RegisterAsync(clinicId: "clinic-b");

        var listed = await AllPagesAsync("clinic-a", FollowUpFilter.Any, pageSize: 3);

        Assert.Equal(mine.Order(), listed.Order());
        Assert.DoesNotContain(theirs, listed);
        var first = await Listing.ListAsync("clinic-a", FollowUpFilter.Any, null, 3, null, CancellationToken.None);
        Assert.All(first.Procedures, p => Assert.Equal(5, p.FollowUps.Count));
        Assert.All(first.Procedures, p => Assert.Null(p.Answers));
    }

    [Fact]
    public async Task A_follow_up_is_listed_under_the_status_it_has_now_not_the_one_it_had()
    {
        var invited = await RegisterAsync();
        var answered = await RegisterAsync();
        var untouched = await RegisterAsync();
        await InviteAsync(invited, TimePoint.OneWeek);
        await AnswerAsync(answered, TimePoint.OneWeek);

        Assert.Equal([invited], await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Invited), 10));
        Assert.Equal([answered], await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Answered), 10));
        Assert.Equal([untouched], await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending, TimePoint.OneWeek), 10));
        var index = await tables.ClinicFollowUpsAsync(CancellationToken.None);
        var pendingOneWeek = ClinicFollowUpEntity.Prefix(FollowUpStatus.Pending, TimePoint.OneWeek);
        var rows = await index.QueryAsync<ClinicFollowUpEntity>(e => e.PartitionKey == "clinic-a").Where(r => r.RowKey.StartsWith(pendingOneWeek)).ToListAsync();
        Assert.Equal([untouched], rows.Select(r => r.ProcedureId));   // the rows of the statuses left behind are gone
    }

    [Fact]
    public async Task A_redelivered_answer_removes_the_old_status_row_that_a_delivery_ending_before_its_tidying_left_behind()
    {
        var procedureId = await RegisterAsync();
        await InviteAsync(procedureId, TimePoint.OneWeek);
        var id = new FollowUpId(procedureId, TimePoint.OneWeek);
        var invitedRead = (await FollowUps.GetAsync(id, CancellationToken.None))!;
        await AnswerAsync(procedureId, TimePoint.OneWeek);
        var index = await tables.ClinicFollowUpsAsync(CancellationToken.None);
        // The first delivery stored the answer and ended before its listing row under "invited" was deleted.
        var left = ClinicFollowUpEntity.From("clinic-a", procedureId, invitedRead.Record.FollowUp);
        await index.UpsertEntityAsync(left, TableUpdateMode.Replace, CancellationToken.None);
        var first = await FollowUps.FindAnswerAsync(id, CancellationToken.None);

        var redelivered = await FollowUps.RecordAnswerAsync(invitedRead, new FollowUpAnswer(Guid.NewGuid(), new SurveyAnswers(PainScore.From(9)), Today,
            DateTimeOffset.UnixEpoch, AuditActor.PatientLink("link"), id), CancellationToken.None);
        Assert.NotNull(redelivered.Tidying);
        await redelivered.Tidying;

        Assert.Equal(AnswerOutcome.AlreadyAnswered, redelivered.Outcome);
        Assert.Equal(first!.ResponseId, redelivered.Stored!.ResponseId);   // the answer stored first, not this one
        Assert.False((await index.GetEntityIfExistsAsync<ClinicFollowUpEntity>(left.PartitionKey, left.RowKey)).HasValue);
        Assert.Equal([procedureId], await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Answered), 10));
    }

    [Fact]
    public async Task The_due_range_holds_both_of_its_days_and_the_time_point_narrows_it()
    {
        var january = await RegisterAsync(date: new DateOnly(2026, 1, 10));    // 1w due 2026-01-17
        var february = await RegisterAsync(date: new DateOnly(2026, 2, 1));    // 1w due 2026-02-08, 1m due 2026-03-01
        var march = await RegisterAsync(date: new DateOnly(2026, 3, 1));       // 1w due 2026-03-08

        Assert.Equal([january, february], await AllPagesAsync("clinic-a", new FollowUpFilter(TimePoint: TimePoint.OneWeek, DueFrom: new DateOnly(2026, 1, 17), DueTo: new DateOnly(2026, 2, 8)), 10));
        Assert.Equal([february], await AllPagesAsync("clinic-a", new FollowUpFilter(DueFrom: new DateOnly(2026, 3, 1), DueTo: new DateOnly(2026, 3, 1)), 10));
        // Without a status or time point the listing runs through pending 1w before pending 1m: march's 1w (due 03-08) first.
        Assert.Equal([march, february], await AllPagesAsync("clinic-a", new FollowUpFilter(DueFrom: new DateOnly(2026, 3, 1), DueTo: new DateOnly(2026, 3, 8)), 10));
    }

    [Fact]
    public async Task A_procedure_with_several_matching_follow_ups_comes_once_whatever_the_page_size()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
            ids.Add(await RegisterAsync());

        foreach (var pageSize in new[] { 1, 2, 3, 50 })
        {
            var listed = await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending), pageSize);
            Assert.Equal(ids.Order(), listed.Order());
        }
    }

    [Fact]
    public async Task Index_rows_that_do_not_hold_are_passed_over()
    {
        var real = await RegisterAsync();
        var elsewhere = await RegisterAsync(clinicId: "clinic-b");
        var index = await tables.ClinicFollowUpsAsync(CancellationToken.None);
        var oneWeek = FollowUpSchedule.For(new DateOnly(2026, 1, 31), Today)[0];
        await index.UpsertEntityAsync(ClinicFollowUpEntity.From("clinic-a", real, oneWeek, FollowUpStatus.Missed));           // a change that never landed
        await index.UpsertEntityAsync(ClinicFollowUpEntity.From("clinic-a", "never-stored", oneWeek, FollowUpStatus.Missed));  // a registration that stopped
        await index.UpsertEntityAsync(ClinicFollowUpEntity.From("clinic-a", elsewhere, oneWeek, FollowUpStatus.Missed));      // another clinic's procedure
        var patients = await tables.PatientProceduresAsync(CancellationToken.None);
        await patients.UpsertEntityAsync(new PatientProcedureEntity { PartitionKey = "clinic-a", RowKey = PatientProcedureEntity.PatientKey("P-0042") + "_" + elsewhere, ProcedureId = elsewhere });

        Assert.Empty(await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Missed), 10));
        Assert.Equal([real], await AllPagesAsync("clinic-a", FollowUpFilter.Any, 10));
    }

    [Fact]
    public async Task A_patients_procedures_come_on_one_page_filtered_like_the_rest()
    {
        var first = await RegisterAsync(patientRef: "VP-7", date: new DateOnly(2026, 1, 2));
        var second = await RegisterAsync(patientRef: "VP-7", date: new DateOnly(2026, 1, 31));
        await RegisterAsync(patientRef: "VP-8");
        await InviteAsync(second, TimePoint.OneWeek);

        var page = await Listing.ListAsync("clinic-a", FollowUpFilter.Any, "VP-7", 1, null, CancellationToken.None);
        Assert.Equal([first, second], page.Procedures.Select(p => p.Procedure.ProcedureId));
        Assert.Null(page.Continuation);
        var invited = await Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Invited), "VP-7", 10, null, CancellationToken.None);
        Assert.Equal([second], invited.Procedures.Select(p => p.Procedure.ProcedureId));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("Zm9v")]                     // "foo"
    [InlineData("ZjkuYQ")]                   // "f9.a": a step past the filter's last
    [InlineData("YTAuLi4vZXRj")]             // "a0.../etc": not a key
    public async Task A_continuation_the_listing_never_gave_is_refused(string token)
    {
        await RegisterAsync();
        await Assert.ThrowsAsync<InvalidContinuationException>(() =>
            Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending, TimePoint.OneWeek), null, 10, token, CancellationToken.None));
    }

    [Fact]
    public async Task A_continuation_given_for_other_filters_is_refused()
    {
        await RegisterAsync();
        await RegisterAsync();
        var page = await Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending, TimePoint.OneWeek), null, 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidContinuationException>(() =>
            Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Answered, TimePoint.OneWeek), null, 1, page.Continuation, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_stops_after_five_index_rows_a_listed_procedure_so_no_request_reads_a_whole_clinic()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await RegisterAsync());
        var index = await tables.ClinicFollowUpsAsync(CancellationToken.None);
        var oneWeek = FollowUpSchedule.For(new DateOnly(2026, 1, 31), Today)[0];
        for (var i = 0; i < 12; i++)   // rows of a status their follow-ups never had: each is read and passed over
            await index.UpsertEntityAsync(ClinicFollowUpEntity.From("clinic-a", ids[0], oneWeek with { Due = oneWeek.Due.AddDays(-1 - i) }, FollowUpStatus.Missed));

        var first = await Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Missed), null, 2, null, CancellationToken.None);

        Assert.Empty(first.Procedures);
        Assert.NotNull(first.Continuation);   // ten rows looked at (five for each of the two a page may list): the next page goes on
        Assert.Empty(await AllPagesAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Missed), 2));
    }

    [Fact]
    public async Task A_continuation_from_the_other_index_is_refused()
    {
        await RegisterAsync();
        await RegisterAsync();
        var page = await Listing.ListAsync("clinic-a", FollowUpFilter.Any, null, 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidContinuationException>(() =>
            Listing.ListAsync("clinic-a", new FollowUpFilter(FollowUpStatus.Pending), null, 1, page.Continuation, CancellationToken.None));
    }
}
