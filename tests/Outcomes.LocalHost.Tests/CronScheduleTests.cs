using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Tests;

public class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, null, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("0 0 * * * *", "2026-03-01T10:20:30Z", "2026-03-01T11:00:00Z")]     // hourly, six fields with seconds
    [InlineData("0 */5 * * * *", "2026-03-01T10:20:30Z", "2026-03-01T10:25:00Z")]   // every five minutes
    [InlineData("30 0 9 * * *", "2026-03-01T10:20:30Z", "2026-03-02T09:00:30Z")]    // the seconds field counts
    [InlineData("0 9 * * 1", "2026-03-01T10:20:30Z", "2026-03-02T09:00:00Z")]       // five fields: Mondays at 09:00 (1 March 2026 is a Sunday)
    public void Next_occurrence_follows_the_ncrontab_fields(string expression, string after, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse(expression).NextAfter(At(after)));

    [Fact]
    public void Next_occurrence_is_strictly_after_the_given_time()
    {
        var hourly = CronSchedule.Parse("0 0 * * * *");

        Assert.Equal(At("2026-03-01T12:00:00Z"), hourly.NextAfter(At("2026-03-01T11:00:00Z")));
    }

    [Theory]
    [InlineData("0 0 * *")]          // four fields
    [InlineData("0 0 0 * * * * *")]  // eight fields
    [InlineData("0 61 * * * *")]     // minute out of range
    [InlineData("every hour")]
    public void An_invalid_expression_is_a_format_error_that_quotes_it(string expression)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));

        Assert.Contains(expression, error.Message);
    }
}
