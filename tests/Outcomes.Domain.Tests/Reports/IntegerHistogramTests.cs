using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Tests.Reports;

public class IntegerHistogramTests
{
    [Theory]
    [MemberData(nameof(Samples.Seeds), MemberType = typeof(Samples))]
    public void Summing_two_histograms_gives_the_histogram_of_both_samples_together(int seed)
    {
        var samples = Samples.For(seed).ToArray();
        var random = new Random(seed);

        foreach (var (min, max, first) in samples)
        {
            var second = samples.Where(s => s.Min == min).ElementAt(random.Next(samples.Count(s => s.Min == min))).Values;

            var summed = IntegerHistogram.Of(min, max, first).Plus(IntegerHistogram.Of(min, max, second));

            Assert.Equal(IntegerHistogram.Of(min, max, first.Concat(second)), summed);
            Assert.Equal(first.Length + second.Length, summed.N);
        }
    }

    [Fact]
    public void Adding_values_one_by_one_or_counted_gives_the_same_histogram()
    {
        var oneByOne = IntegerHistogram.Pain().Add(3).Add(3).Add(3).Add(10).Add(0);

        var counted = IntegerHistogram.Pain().Add(3, 3).Add(10).Add(0);

        Assert.Equal(counted, oneByOne);
        Assert.Equal(5, counted.N);
        Assert.Equal(3, counted.CountOf(3));
        Assert.Equal<int>([1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 1], counted.Counts);
    }

    [Fact]
    public void Adding_leaves_the_original_unchanged()
    {
        var empty = IntegerHistogram.Pain();

        _ = empty.Add(4);

        Assert.Equal(0, empty.N);
        Assert.All(empty.Counts, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Stored_counts_read_back_as_the_same_histogram()
    {
        var change = IntegerHistogram.PainChange().Add(-10).Add(-3, 4).Add(0, 2).Add(10);

        var readBack = IntegerHistogram.FromCounts(change.Min, change.Counts.ToArray());

        Assert.Equal(change, readBack);
        Assert.Equal((-10, 10), (readBack.Min, readBack.Max));
        Assert.Equal(21, change.Counts.Length);
    }

    [Fact]
    public void The_pain_ranges_are_the_rating_scale_and_its_change()
    {
        Assert.Equal((0, 10), (IntegerHistogram.Pain().Min, IntegerHistogram.Pain().Max));
        Assert.Equal((-10, 10), (IntegerHistogram.PainChange().Min, IntegerHistogram.PainChange().Max));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void A_value_outside_the_range_is_refused(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegerHistogram.Pain().Add(value));

    [Fact]
    public void A_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegerHistogram.Pain().Add(5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntegerHistogram.FromCounts(0, [1, -1, 2]));
    }

    [Fact]
    public void Histograms_of_different_ranges_do_not_add_up() =>
        Assert.Throws<ArgumentException>(() => IntegerHistogram.Pain().Plus(IntegerHistogram.PainChange()));

    [Fact]
    public void A_range_whose_maximum_is_below_its_minimum_is_refused() =>
        Assert.Throws<ArgumentException>(() => new IntegerHistogram(10, 0));

    [Fact]
    public void Order_statistics_are_read_from_cumulative_counts()
    {
        var histogram = IntegerHistogram.Of(0, 10, [7, 2, 2, 9, 0]);

        var sorted = Enumerable.Range(0, histogram.N).Select(rank => histogram.OrderStatistic(rank));

        Assert.Equal([0, 2, 2, 7, 9], sorted);
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.OrderStatistic(5));
    }
}
