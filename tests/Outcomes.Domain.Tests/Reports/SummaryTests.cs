using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Tests.Reports;

public class SummaryTests
{
    const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(Samples.Seeds), MemberType = typeof(Samples))]
    public void Every_statistic_matches_the_naive_computation_over_the_raw_values(int seed)
    {
        foreach (var (min, max, values) in Samples.For(seed))
        {
            var summary = Summary.Of(IntegerHistogram.Of(min, max, values));

            Assert.Equal(values.Length, summary.N);
            Assert.Equal(Naive.Mean(values), summary.Mean!.Value, Tolerance);
            Assert.Equal(Naive.Quantile(values, 0.5), summary.Median!.Value, Tolerance);
            Assert.Equal(Naive.Quantile(values, 0.25), summary.FirstQuartile!.Value, Tolerance);
            Assert.Equal(Naive.Quantile(values, 0.75), summary.ThirdQuartile!.Value, Tolerance);
            if (values.Length == 1)
            {
                Assert.Null(summary.StandardDeviation);
                Assert.Null(summary.MeanCi95);
                continue;
            }
            Assert.Equal(Naive.StandardDeviation(values), summary.StandardDeviation!.Value, Tolerance);
            var (low, high) = Naive.MeanCi95(values);
            Assert.Equal(low, summary.MeanCi95!.Value.Low, Tolerance);
            Assert.Equal(high, summary.MeanCi95!.Value.High, Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Samples.Seeds), MemberType = typeof(Samples))]
    public void Any_quantile_matches_type_7_on_the_sorted_values(int seed)
    {
        var random = new Random(seed);
        foreach (var (min, max, values) in Samples.For(seed))
        {
            var histogram = IntegerHistogram.Of(min, max, values);
            foreach (var p in new[] { 0, 1, 0.1, 0.9, random.NextDouble() })
                Assert.Equal(Naive.Quantile(values, p), Summary.Quantile(histogram, p)!.Value, Tolerance);
        }
    }

    [Fact]
    public void An_empty_sample_has_only_its_count()
    {
        var summary = Summary.Of(IntegerHistogram.Pain());

        Assert.Equal(0, summary.N);
        Assert.Null(summary.Mean);
        Assert.Null(summary.StandardDeviation);
        Assert.Null(summary.MeanCi95);
        Assert.Null(summary.Median);
        Assert.Null(summary.FirstQuartile);
        Assert.Null(summary.ThirdQuartile);
    }

    [Fact]
    public void One_answer_has_a_mean_and_quartiles_but_no_spread()
    {
        var summary = Summary.Of(IntegerHistogram.Pain().Add(6));

        Assert.Equal((1, 6.0, 6.0, 6.0, 6.0), (summary.N, summary.Mean, summary.Median, summary.FirstQuartile, summary.ThirdQuartile));
        Assert.Null(summary.StandardDeviation);
        Assert.Null(summary.MeanCi95);
    }

    [Fact]
    public void All_equal_answers_have_no_spread_and_a_zero_width_interval()
    {
        var summary = Summary.Of(IntegerHistogram.Pain().Add(3, 1000));

        Assert.Equal(0, summary.StandardDeviation);
        Assert.Equal(new ConfidenceInterval(3, 3), summary.MeanCi95);
    }

    [Fact]
    public void Two_answers_use_t_with_one_degree_of_freedom()
    {
        var summary = Summary.Of(IntegerHistogram.Pain().Add(0).Add(2));   // mean 1, SD √2, SE 1, t(0.975, 1) = 12.706

        Assert.Equal(Math.Sqrt(2), summary.StandardDeviation!.Value, Tolerance);
        Assert.Equal(1 - 12.706, summary.MeanCi95!.Value.Low, 3);
        Assert.Equal(1 + 12.706, summary.MeanCi95!.Value.High, 3);
    }

    [Fact]
    public void Ten_answers_checked_by_hand()
    {
        // 2 3 3 4 5 5 5 6 7 10: Σ = 50, mean 5; Σ(x − 5)² = 9+4+4+1+0+0+0+1+4+25 = 48, s² = 48/9, SE = √(48/90);
        // t(0.975, 9) = 2.262; Excel QUARTILE.INC gives 3.25, 5 and 5.75.
        var summary = Summary.Of(IntegerHistogram.Of(0, 10, [5, 3, 10, 2, 5, 7, 4, 6, 3, 5]));

        Assert.Equal(5, summary.Mean);
        Assert.Equal(Math.Sqrt(48.0 / 9), summary.StandardDeviation!.Value, Tolerance);
        Assert.Equal(5 - 2.262 * Math.Sqrt(48.0 / 90), summary.MeanCi95!.Value.Low, 3);
        Assert.Equal(5 + 2.262 * Math.Sqrt(48.0 / 90), summary.MeanCi95!.Value.High, 3);
        Assert.Equal((3.25, 5.0, 5.75), (summary.FirstQuartile, summary.Median, summary.ThirdQuartile));
    }

    [Theory]
    [InlineData(2, 12.706)]
    [InlineData(10, 2.262)]
    [InlineData(30, 2.045)]
    [InlineData(101, 1.984)]
    public void The_interval_uses_the_tabled_t_quantile(int n, double t)
    {
        var summary = Summary.Of(IntegerHistogram.Pain().Add(4, n / 2).Add(6, n - n / 2));

        var halfWidth = (summary.MeanCi95!.Value.High - summary.MeanCi95.Value.Low) / 2;

        Assert.Equal(t, halfWidth / (summary.StandardDeviation!.Value / Math.Sqrt(n)), 3);
    }

    [Fact]
    public void Mean_change_from_baseline_and_its_interval_come_from_the_change_histogram()
    {
        var change = IntegerHistogram.PainChange().Add(-6, 3).Add(-4, 4).Add(-2, 2).Add(1);   // 10 patients, Σ = −37

        var summary = Summary.Of(change);

        Assert.Equal(-3.7, summary.Mean!.Value, Tolerance);
        Assert.True(summary.MeanCi95!.Value.High < 0);
        Assert.Equal(-4, summary.Median);
        Assert.Equal((-5.5, -2.5), (summary.FirstQuartile, summary.ThirdQuartile));
    }

    [Fact]
    public void A_million_answers_cost_eleven_bins()
    {
        var histogram = IntegerHistogram.Pain().Add(2, 400_000).Add(3, 350_000).Add(7, 250_001);

        var summary = Summary.Of(histogram);

        Assert.Equal(1_000_001, summary.N);
        Assert.Equal(3600007.0 / 1000001, summary.Mean!.Value, Tolerance);
        Assert.Equal((2.0, 3.0, 7.0), (summary.FirstQuartile, summary.Median, summary.ThirdQuartile));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_quantile_outside_zero_to_one_is_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Summary.Quantile(IntegerHistogram.Pain().Add(1), p));
}
