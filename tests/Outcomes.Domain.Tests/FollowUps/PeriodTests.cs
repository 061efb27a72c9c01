using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-01-31", 1, "2026-02-28")]   // month end clamps
    [InlineData("2028-01-31", 1, "2028-02-29")]   // leap year
    [InlineData("2026-03-31", 6, "2026-09-30")]   // 30-day month
    [InlineData("2026-08-31", 6, "2027-02-28")]   // across the year end
    [InlineData("2028-02-29", 12, "2029-02-28")]  // leap day + 12 months
    [InlineData("2026-01-15", 3, "2026-04-15")]   // an ordinary day keeps its number
    public void Months_are_added_in_calendar_terms_landing_on_the_month_end_when_the_day_is_missing(string from, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Period.FromMonths(months).AddTo(DateOnly.Parse(from)));

    [Theory]
    [InlineData("2026-02-25", "2026-03-04")]
    [InlineData("2028-02-25", "2028-03-03")]   // crosses a leap day
    [InlineData("2026-12-28", "2027-01-04")]
    public void A_week_is_seven_days(string from, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Period.FromWeeks(1).AddTo(DateOnly.Parse(from)));
}
