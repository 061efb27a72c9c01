using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class FollowUpScheduleTests
{
    [Theory]
    [InlineData("2026-01-31", "2026-02-07", "2026-02-28", "2026-04-30", "2026-07-31", "2027-01-31")]
    [InlineData("2028-02-29", "2028-03-07", "2028-03-29", "2028-05-29", "2028-08-29", "2029-02-28")]
    [InlineData("2026-03-31", "2026-04-07", "2026-04-30", "2026-06-30", "2026-09-30", "2027-03-31")]
    [InlineData("2026-12-30", "2027-01-06", "2027-01-30", "2027-03-30", "2027-06-30", "2027-12-30")]
    public void Follow_ups_are_due_one_week_and_one_three_six_and_twelve_months_after_the_procedure(
        string procedure, string w1, string m1, string m3, string m6, string m12)
    {
        var schedule = FollowUpSchedule.For(DateOnly.Parse(procedure));

        Assert.Equal(["1w", "1m", "3m", "6m", "12m"], schedule.Select(f => f.TimePoint.Code));
        Assert.Equal(new[] { w1, m1, m3, m6, m12 }.Select(DateOnly.Parse), schedule.Select(f => f.Due));
        Assert.All(schedule, f => Assert.Equal(FollowUpStatus.Pending, f.Status));
    }

    [Fact]
    public void Each_window_opens_on_its_due_date_and_closes_on_the_next_due_date()
    {
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 31));

        Assert.All(schedule, f => Assert.Equal(f.Due, f.Window.Opens));
        Assert.Equal(schedule.Skip(1).Select(f => f.Due), schedule.SkipLast(1).Select(f => f.Window.ClosesBefore));
    }

    [Theory]
    [InlineData("2026-01-31", "2027-04-30")]   // 12m due 2027-01-31, + 3 months clamps to 30 Apr
    [InlineData("2028-02-29", "2029-05-28")]   // 12m due 2029-02-28
    public void The_twelve_month_survey_stays_open_for_three_months(string procedure, string closesBefore) =>
        Assert.Equal(DateOnly.Parse(closesBefore), FollowUpSchedule.For(DateOnly.Parse(procedure))[4].Window.ClosesBefore);

    [Theory]
    [InlineData("2026-03-01", "")]                       // registered on the day: nothing missed
    [InlineData("2026-03-29", "")]                       // 1m due 2026-04-01: still in the 1w window
    [InlineData("2026-04-01", "1w")]                     // 1m due 2026-04-01: 1w window has closed
    [InlineData("2026-05-31", "1w")]                     // last day of the 1m window
    [InlineData("2026-06-01", "1w,1m")]
    [InlineData("2027-03-01", "1w,1m,3m,6m")]            // 12m due today
    [InlineData("2027-06-01", "1w,1m,3m,6m,12m")]        // 12m window closed 2027-06-01
    public void Registering_late_marks_the_follow_ups_whose_window_closed_as_missed(string today, string missed)
    {
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 3, 1), DateOnly.Parse(today));

        Assert.Equal(missed, string.Join(",", schedule.Where(f => f.Status == FollowUpStatus.Missed).Select(f => f.TimePoint.Code)));
        Assert.All(schedule.Where(f => f.Status != FollowUpStatus.Missed), f => Assert.Equal(FollowUpStatus.Pending, f.Status));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-03")]
    [InlineData("2026-02-22", "2026-03-01")]   // across a short February
    [InlineData("2028-02-27", "2028-03-01")]   // a leap day
    [InlineData("2026-12-30", "2027-01-02")]
    [InlineData("2026-05-31", "2026-05-31")]   // some time points have no window closing on it
    public void The_due_dates_of_windows_closing_in_a_range_hold_every_such_window_and_no_more(string first, string last)
    {
        var (firstClose, lastClose) = (DateOnly.Parse(first), DateOnly.Parse(last));
        foreach (var timePoint in TimePoint.All)
        {
            var closing = Enumerable.Range(0, 600).Select(d => lastClose.AddDays(-d)).Select(p => FollowUpSchedule.WindowOf(timePoint, p))
                .Where(w => w.ClosesBefore >= firstClose && w.ClosesBefore <= lastClose).ToList();
            var range = FollowUpSchedule.DueWhenClosing(timePoint, firstClose, lastClose);

            if (closing.Count == 0)
            {
                Assert.Null(range);   // no window closes on those days (May 31 is one month after no day of April)
                continue;
            }
            Assert.Equal(closing.Min(w => w.Opens), range!.Value.From);
            Assert.Equal(closing.Max(w => w.Opens), range.Value.To);
        }
    }
}
