using System.Text.Json;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Tests.Benchmarks;

public class BenchmarkFigureOverlapTests
{
    private static BenchmarkFigure Figure(double? value = null, BenchmarkInterval? ci = null, BenchmarkInterval? range = null,
        int? numerator = null, int? denominator = null) =>
        new("study", "pain_mean", "12m", new HashSet<ProcedureType> { ProcedureType.Vertebroplasty }, value, ci, null, null,
            numerator, denominator, null, range, null, null, new Dictionary<string, JsonElement>());

    private static readonly BenchmarkFigure WithCi = Figure(value: 3.9, ci: new BenchmarkInterval(3.1, 4.8));   // VERTOS V at 12 months

    [Theory]
    [InlineData(2.0, 3.0, false)]   // clinic entirely below the CI
    [InlineData(2.0, 3.1, true)]    // touches the CI's low end
    [InlineData(4.0, 4.5, true)]    // inside the CI, not containing the value
    [InlineData(4.8, 6.0, true)]    // touches the CI's high end
    [InlineData(4.9, 6.0, false)]   // entirely above
    [InlineData(1.0, 9.0, true)]    // contains the CI
    public void With_a_ci_the_intervals_must_overlap(double low, double high, bool expected) =>
        Assert.Equal(expected, WithCi.Overlaps(low, high));

    [Theory]
    [InlineData(-3.0, -2.7, false)]
    [InlineData(-3.0, -2.6, true)]    // the value on the interval's edge counts
    [InlineData(-2.6, -2.6, true)]
    [InlineData(-2.5, -1.0, false)]
    public void With_only_a_value_the_interval_must_contain_it(double low, double high, bool expected) =>
        Assert.Equal(expected, Figure(value: -2.6).Overlaps(low, high));

    [Theory]
    [InlineData(1.0, 2.4, false)]
    [InlineData(2.0, 2.5, true)]
    [InlineData(3.3, 4.0, true)]
    [InlineData(3.4, 4.0, false)]
    public void With_a_reported_range_the_intervals_must_overlap(double low, double high, bool expected) =>
        Assert.Equal(expected, Figure(range: new BenchmarkInterval(2.5, 3.3)).Overlaps(low, high));

    [Fact]
    public void A_result_in_words_or_a_count_has_nothing_to_overlap()
    {
        Assert.Null(Figure().Overlaps(0, 10));
        Assert.Null(Figure(numerator: 5, denominator: 62).Overlaps(0, 100));
    }

    [Fact]
    public void An_interval_that_runs_backwards_is_a_mistake()
    {
        Assert.Throws<ArgumentException>(() => WithCi.Overlaps(5, 4));
        Assert.Throws<ArgumentException>(() => WithCi.Overlaps(double.NaN, 4));
    }

    [Fact]
    public void The_shipped_vertos_v_figure_overlaps_a_clinic_interval_across_its_ci()
    {
        var vertos = ShippedBenchmarks.Load().ForTimePoint(ProcedureType.Vertebroplasty, "12m", "pain_mean").Single(f => f.StudyId == "vertos5-2023");

        Assert.True(vertos.Overlaps(4.5, 5.5));
        Assert.False(vertos.Overlaps(5.0, 6.0));
    }
}
