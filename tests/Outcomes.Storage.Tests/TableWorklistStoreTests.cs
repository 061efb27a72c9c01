using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Domain.Worklist;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableWorklistStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableWorklistStore store = new(new OutcomesTables(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t")));

    private static RaisedFlag Flag(string procedureId, WorklistItemKind kind = WorklistItemKind.PainWorse) => new(new RedFlag(
        new WorklistItemId(procedureId, TimePoint.OneMonth, kind),
        [
            new RedFlagChange.Pain(ComparedWith.Baseline, PainScore.From(5), PainScore.From(8)),
            new RedFlagChange.Pain(ComparedWith.Answer(TimePoint.OneWeek), PainScore.From(3), PainScore.From(8)),
            new RedFlagChange.Medication(ComparedWith.Baseline, [Medication.Paracetamol], [Medication.StrongOpioid], null),
            new RedFlagChange.FractureReported(NewFractureAnswer.Unsure),
        ]), Now);

    [Fact]
    public async Task A_flag_is_raised_once_and_reads_back_with_what_changed()
    {
        var flag = Flag("p1");

        Assert.True(await store.RaiseAsync("clinic-a", flag, CancellationToken.None));
        Assert.True(await store.RaiseAsync("clinic-a", flag with { RaisedAt = Now.AddHours(1) }, CancellationToken.None));

        var open = Assert.Single(await store.OpenFlagsAsync("clinic-a", CancellationToken.None));
        Assert.Equal(Now, open.RaisedAt);   // the first raise stays
        Assert.Equal(flag.Flag.Id, open.Flag.Id);
        Assert.Equal(flag.Flag.Changes.Take(2), open.Flag.Changes.Take(2));
        var medication = Assert.IsType<RedFlagChange.Medication>(open.Flag.Changes[2]);
        Assert.Equal([Medication.StrongOpioid], medication.Now);
        Assert.Equal(new RedFlagChange.FractureReported(NewFractureAnswer.Unsure), open.Flag.Changes[3]);
        Assert.Empty(await store.OpenFlagsAsync("clinic-b", CancellationToken.None));
    }

    [Fact]
    public async Task A_handled_flag_leaves_the_open_ones_and_is_not_raised_again()
    {
        var flag = Flag("p2", WorklistItemKind.NewFracture);
        await store.RaiseAsync("clinic-a", flag, CancellationToken.None);

        Assert.True(await store.MarkHandledAsync("clinic-a", flag.Flag.Id, new HandledMark("clinic-key:k1", Now), CancellationToken.None));
        Assert.False(await store.MarkHandledAsync("clinic-a", flag.Flag.Id, new HandledMark("clinic-key:k2", Now.AddDays(1)), CancellationToken.None));

        Assert.False(await store.RaiseAsync("clinic-a", flag, CancellationToken.None));
        Assert.Empty(await store.OpenFlagsAsync("clinic-a", CancellationToken.None));
        var mark = (await store.HandledAsync("clinic-a", [flag.Flag.Id, Flag("p3").Flag.Id], CancellationToken.None)).Single();
        Assert.Equal((flag.Flag.Id, "clinic-key:k1", Now), (mark.Key, mark.Value.By, mark.Value.At));
    }

    [Fact]
    public async Task An_alert_is_claimed_by_one_message_its_retries_included_and_by_none_once_handled()
    {
        var (flag, other) = (Flag("p4"), Flag("p5"));
        await store.RaiseAsync("clinic-a", flag, CancellationToken.None);
        await store.RaiseAsync("clinic-a", other, CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.ClaimAlertAsync("clinic-a", flag.Flag.Id, $"m-{i}", CancellationToken.None)));
        Assert.Single(claims, c => c);
        var winner = $"m-{Array.IndexOf(claims, true)}";
        Assert.True(await store.ClaimAlertAsync("clinic-a", flag.Flag.Id, winner, CancellationToken.None));   // the same message, retried

        await store.MarkHandledAsync("clinic-a", other.Flag.Id, new HandledMark("clinic-key:k1", Now), CancellationToken.None);
        Assert.False(await store.ClaimAlertAsync("clinic-a", other.Flag.Id, "m-9", CancellationToken.None));
    }
}
