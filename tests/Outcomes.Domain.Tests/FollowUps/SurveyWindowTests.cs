using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class SurveyWindowTests
{
    static readonly SurveyWindow Window = new(opens: new(2026, 2, 5), closesBefore: new(2026, 3, 5));

    [Theory]
    [InlineData("2026-02-04", false)]   // day before it opens
    [InlineData("2026-02-05", true)]    // due day counts
    [InlineData("2026-03-04", true)]    // last day before the next time point
    [InlineData("2026-03-05", false)]   // the next time point's due day
    public void Window_runs_from_due_day_up_to_the_next_due_day(string day, bool expected) =>
        Assert.Equal(expected, Window.Contains(DateOnly.Parse(day)));

    [Theory]
    [InlineData("2026-02-01", 28)]   // not open yet: the whole window is ahead
    [InlineData("2026-02-05", 28)]
    [InlineData("2026-03-04", 1)]    // last day: today is the one left
    [InlineData("2026-03-05", 0)]
    [InlineData("2026-04-01", 0)]
    public void Days_left_count_today_and_never_go_negative(string today, int expected) =>
        Assert.Equal(expected, Window.DaysLeft(DateOnly.Parse(today)));

    [Theory]
    [InlineData("2026-02-05", "2026-02-05")]
    [InlineData("2026-02-05", "2026-02-04")]
    public void A_window_shorter_than_a_day_is_a_bug(string opens, string closesBefore) =>
        Assert.Throws<ArgumentException>(() => new SurveyWindow(DateOnly.Parse(opens), DateOnly.Parse(closesBefore)));
}
