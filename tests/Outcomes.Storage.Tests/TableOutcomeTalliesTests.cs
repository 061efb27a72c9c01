using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableOutcomeTalliesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string prefix = AzuriteFixture.UniqueName("t");
    private OutcomesTables? shared;
    private OutcomesTables tables => shared ??= new(new TableServiceClient(azurite.ConnectionString), prefix);
    private TableOutcomeTallies Tallies => new(tables);
    private static readonly TallyCell March = new(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2026, 3);

    private static Action<TimePointTally> Answer(int pain) => t => t.AddAnswer(PainScore.From(8), new SurveyAnswers(PainScore.From(pain)));

    [Fact]
    public async Task A_change_is_counted_once_however_often_and_however_concurrently_it_arrives()
    {
        var applied = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Tallies.CountTimePointOnceAsync("clinic-a", March, TimePoint.OneMonth, "p1_1m_answered", Answer(3), CancellationToken.None)));

        Assert.Single(applied, a => a);
        var stored = Assert.Single(await Tallies.ReadAsync(["clinic-a"], null, null, CancellationToken.None));
        Assert.Equal(1, stored.TimePoints["1m"].Pain[3]);
    }

    [Fact]
    public async Task Changes_arriving_while_a_transaction_is_under_way_share_the_next_one_and_a_read_in_the_same_process_waits_for_them()
    {
        await Task.WhenAll(Enumerable.Range(0, 70).Select(i =>
            Tallies.CountTimePointOnceAsync("clinic-g", March, TimePoint.OneMonth, $"p{i}_1m_open", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Invited), CancellationToken.None)));
        var transactions = new RequestCounter("$batch");
        var tallies = new TableOutcomeTallies(new OutcomesTables(new TableServiceClient(azurite.ConnectionString, transactions.Options()), prefix));
        var counted = Enumerable.Range(0, 75).Select(i => tallies.CountTimePointAfterAsync("clinic-g", March, TimePoint.OneMonth,
            $"p{i % 70}_1m_answered", $"p{i % 70}_1m_open", t =>
            {
                t.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
                Answer(i % 70 % 11)(t);
            }, CancellationToken.None)).ToList();

        var tally = Assert.Single(await tallies.ReadAsync(["clinic-g"], null, null, CancellationToken.None)).TimePoints["1m"];

        Assert.Equal((0, 70), (tally.Open, tally.Answered));
        Assert.Equal(70, tally.Pain.Sum());
        var outcomes = await Task.WhenAll(counted);
        Assert.Equal((70, 5), (outcomes.Count(o => o == TallyCount.Counted), outcomes.Count(o => o == TallyCount.CountedBefore)));
        // The first change starts a transaction at once; the others, come meanwhile, share the next ones (at most 30 each).
        Assert.InRange(transactions.Count, 3, 20);
    }

    [Fact]
    public async Task A_change_after_one_not_counted_yet_changes_nothing_until_that_one_is()
    {
        Task<TallyCount> Answered() => Tallies.CountTimePointAfterAsync("clinic-h", March, TimePoint.OneMonth, "p1_1m_answered", "p1_1m_open",
            t => t.Move(FollowUpStatus.Invited, FollowUpStatus.Answered), CancellationToken.None);

        Assert.Equal(TallyCount.NotAfter, await Answered());
        Assert.Empty(await Tallies.ReadAsync(["clinic-h"], null, null, CancellationToken.None));

        await Tallies.CountTimePointOnceAsync("clinic-h", March, TimePoint.OneMonth, "p1_1m_open", t => t.Move(FollowUpStatus.Pending, FollowUpStatus.Invited), CancellationToken.None);
        Assert.Equal(TallyCount.Counted, await Answered());
        Assert.Equal(TallyCount.CountedBefore, await Answered());
        var tally = Assert.Single(await Tallies.ReadAsync(["clinic-h"], null, null, CancellationToken.None)).TimePoints["1m"];
        Assert.Equal((0, 1), (tally.Open, tally.Answered));
    }

    [Fact]
    public async Task Concurrent_writers_of_different_changes_to_one_row_all_land()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Tallies.CountTimePointOnceAsync("clinic-b", March, TimePoint.OneMonth, $"p{i}_1m_answered", Answer(i % 11), CancellationToken.None)));

        var tally = Assert.Single(await Tallies.ReadAsync(["clinic-b"], null, null, CancellationToken.None)).TimePoints["1m"];
        Assert.Equal(12, tally.Pain.Sum());
        Assert.Equal(Enumerable.Range(0, 12).Count(i => i % 11 <= 6), tally.ImprovedTwoPoints);
    }

    [Fact]
    public async Task Reads_take_the_clinics_asked_for_and_the_months_in_range_and_never_the_markers()
    {
        var april = March with { Month = 4 };
        var may = March with { Month = 5 };
        foreach (var (cell, marker) in new[] { (March, "a"), (april, "b"), (may, "c") })
            await Tallies.CountCohortOnceAsync("clinic-c", cell, marker, c => c.Procedures++, CancellationToken.None);
        await Tallies.CountCohortOnceAsync("clinic-d", april, "d", c => c.Procedures++, CancellationToken.None);

        var read = await Tallies.ReadAsync(["clinic-c"], new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), CancellationToken.None);
        var both = await Tallies.ReadAsync(["clinic-c", "clinic-d"], null, null, CancellationToken.None);

        var only = Assert.Single(read);
        Assert.Equal((april, 1), (only.Cell, only.Cohort.Procedures));
        Assert.Equal(4, both.Count);
        Assert.Empty(await Tallies.ReadAsync(["clinic-e"], null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_writers_creating_new_months_and_cells_all_land_and_are_all_read_back()
    {
        var cells = Enumerable.Range(0, 12).Select(i => new TallyCell(i % 2 == 0 ? ProcedureType.Vertebroplasty : ProcedureType.Kyphoplasty,
            Etiology.Osteoporotic, 2026, 1 + i % 3)).ToList();

        await Task.WhenAll(cells.Select((cell, i) =>
            Tallies.CountCohortOnceAsync("clinic-f", cell, $"p{i}_registered", c => c.Procedures++, CancellationToken.None)));

        var read = await Tallies.ReadAsync(["clinic-f"], null, null, CancellationToken.None);
        Assert.Equal(6, read.Count);   // 3 months × 2 procedure types
        Assert.Equal(12, read.Sum(c => c.Cohort.Procedures));
        Assert.Equal(2, (await Tallies.ReadAsync(["clinic-f"], new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 1), CancellationToken.None)).Count);
    }
}
