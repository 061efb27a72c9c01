using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Tests;

public class PainScoreTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void The_ends_of_the_numeric_rating_scale_are_scores(int value) =>
        Assert.Equal(value, PainScore.From(value).Value);

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Just_outside_the_scale_is_refused(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PainScore.From(value));
}
