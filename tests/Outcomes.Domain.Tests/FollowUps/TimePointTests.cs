using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class TimePointTests
{
    [Theory]
    [InlineData("1w")]
    [InlineData("1M")]
    [InlineData("3m")]
    [InlineData("6m")]
    [InlineData(" 12m ")]
    public void Each_time_point_code_parses_ignoring_case_and_spaces(string code)
    {
        var (timePoint, why) = TimePoint.Parse(code);

        Assert.Null(why);
        Assert.Equal(code.Trim().ToLowerInvariant(), timePoint!.Code);
    }

    [Theory]
    [InlineData("2w")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12")]
    public void An_unknown_time_point_is_rejected_listing_the_valid_ones(string? code)
    {
        var (timePoint, why) = TimePoint.Parse(code);

        Assert.Null(timePoint);
        Assert.Equal("timePoint", why!.Field);
        Assert.Contains("1w, 1m, 3m, 6m, 12m", why.Detail);
    }

    [Fact]
    public void Time_points_follow_each_other_and_the_last_has_none_after_it()
    {
        Assert.Equal(TimePoint.All.Skip(1), TimePoint.All.SkipLast(1).Select(t => t.Next!));
        Assert.Null(TimePoint.TwelveMonths.Next);
    }
}
