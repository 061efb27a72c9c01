using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public sealed class FollowUpFilterTests
{
    private static readonly IReadOnlyList<ScheduledFollowUp> Schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31));   // 1w due 2026-02-07, 1m 2026-02-28, 3m 2026-04-30, …

    [Theory]
    [InlineData(null, null, null, null, 5)]
    [InlineData("pending", null, null, null, 5)]
    [InlineData("missed", null, null, null, 0)]
    [InlineData(null, "1m", null, null, 1)]
    [InlineData(null, null, "2026-02-07", "2026-02-28", 2)]   // both ends held
    [InlineData(null, null, "2026-02-08", "2026-02-27", 0)]
    [InlineData(null, null, "2026-02-28", null, 4)]
    [InlineData(null, null, null, "2026-02-06", 0)]
    [InlineData("pending", "3m", "2026-04-30", "2026-04-30", 1)]
    public void A_follow_up_matches_when_every_given_part_holds(string? status, string? timePoint, string? from, string? to, int matching)
    {
        var filter = new FollowUpFilter(
            status is null ? null : FollowUpStatusCodes.Wire.TryParse(status, out var s) ? s : throw new FormatException(status),
            timePoint is null ? null : TimePoint.TryParse(timePoint, out var t) ? t : throw new FormatException(timePoint),
            from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));

        Assert.Equal(matching, Schedule.Count(filter.Matches));
    }

    [Fact]
    public void The_order_runs_through_statuses_then_time_points()
    {
        var all = FollowUpFilter.Any.Order();
        Assert.Equal(Enum.GetValues<FollowUpStatus>().Length * TimePoint.All.Count, all.Count);
        Assert.Equal((FollowUpStatus.Pending, TimePoint.OneWeek), all[0]);
        Assert.Equal((FollowUpStatus.Pending, TimePoint.OneMonth), all[1]);
        Assert.Equal((FollowUpStatus.Invited, TimePoint.OneWeek), all[TimePoint.All.Count]);
        Assert.Equal([(FollowUpStatus.Missed, TimePoint.SixMonths)], new FollowUpFilter(FollowUpStatus.Missed, TimePoint.SixMonths).Order());
        Assert.Equal(TimePoint.All, new FollowUpFilter(FollowUpStatus.Answered).Order().Select(o => o.TimePoint));
    }

    [Fact]
    public void A_procedure_is_listed_under_its_first_matching_follow_up_in_that_order()
    {
        var progressed = Schedule.Select(f => f.TimePoint == TimePoint.ThreeMonths ? f with { Status = FollowUpStatus.Invited }
            : f.TimePoint == TimePoint.OneWeek ? f with { Status = FollowUpStatus.Answered } : f).ToList();

        Assert.Equal(TimePoint.OneMonth, FollowUpFilter.Any.FirstMatch(progressed)!.TimePoint);             // pending comes before invited and answered
        Assert.Equal(TimePoint.SixMonths, new FollowUpFilter(DueFrom: new DateOnly(2026, 4, 1)).FirstMatch(progressed)!.TimePoint);   // pending 6m before invited 3m
        Assert.Equal(TimePoint.OneWeek, new FollowUpFilter(FollowUpStatus.Answered).FirstMatch(progressed)!.TimePoint);
        Assert.Null(new FollowUpFilter(FollowUpStatus.Missed).FirstMatch(progressed));
        Assert.True(FollowUpFilter.Any.IsAny);
        Assert.False(new FollowUpFilter(TimePoint: TimePoint.OneWeek).IsAny);
    }
}
