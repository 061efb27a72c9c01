using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Tests.Reports;

public class ProportionTests
{
    const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(Samples.Seeds), MemberType = typeof(Samples))]
    public void Share_and_interval_match_the_wilson_formula(int seed)
    {
        var random = new Random(seed);
        foreach (var n in new[] { 1, 2, 3, random.Next(4, 30), random.Next(1, 501), random.Next(1, 501) })
            foreach (var k in new[] { 0, n, random.Next(n + 1), random.Next(n + 1) })
            {
                var proportion = Proportion.Of(k, n);

                var (low, high) = Naive.Wilson(k, n);
                Assert.Equal((k, n), (proportion.Count, proportion.N));
                Assert.Equal((double)k / n, proportion.Share!.Value, Tolerance);
                Assert.Equal(low, proportion.Ci95!.Value.Low, Tolerance);
                Assert.Equal(high, proportion.Ci95!.Value.High, Tolerance);
            }
    }

    [Fact]
    public void Eight_of_ten_checked_by_hand()
    {
        var proportion = Proportion.Of(8, 10);

        Assert.Equal(0.8, proportion.Share);
        Assert.Equal(0.490, proportion.Ci95!.Value.Low, 3);
        Assert.Equal(0.943, proportion.Ci95!.Value.High, 3);
    }

    [Fact]
    public void None_and_all_stay_inside_zero_to_one()
    {
        var none = Proportion.Of(0, 20);
        var all = Proportion.Of(20, 20);

        Assert.Equal(0, none.Ci95!.Value.Low);
        Assert.Equal(0.161, none.Ci95!.Value.High, 3);
        Assert.Equal(0.839, all.Ci95!.Value.Low, 3);
        Assert.Equal(1, all.Ci95!.Value.High);
    }

    [Fact]
    public void Of_nobody_there_is_no_share()
    {
        var proportion = Proportion.Of(0, 0);

        Assert.Equal((0, 0), (proportion.Count, proportion.N));
        Assert.Null(proportion.Share);
        Assert.Null(proportion.Ci95);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    [InlineData(0, -1)]
    public void A_count_outside_zero_to_n_is_refused(int count, int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.Of(count, n));
}
