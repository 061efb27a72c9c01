using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions.Tests.Dashboard;

public sealed class LineChartSvgTests
{
    private static LineChartSvg Chart(IReadOnlyList<SeriesPoint> series, IReadOnlyList<MarkerPoint>? markers = null) =>
        new("pain", "Pain over time", "Mean pain per time point")
        {
            Categories = DashboardPage.TimePoints,
            SeriesName = "Spine Centre <North>",
            YLabel = "Pain (0–10)",
            Series = series,
            Markers = markers ?? [],
        };

    private static readonly SeriesPoint[] Trajectory =
    [
        new("baseline", 7.8, 7.4, 8.2), new("1w", 4.1, 3.5, 4.7), new("1m", 3.6, 3.0, 4.2),
        new("3m", 3.2, 2.5, 3.9), new("6m", 3.0, 2.2, 3.8), new("12m", 2.9, 2.0, 3.8),
    ];

    [Fact]
    public void Each_time_point_is_a_point_and_a_higher_mean_is_drawn_higher()
    {
        var svg = Svg.Parse(Chart(Trajectory).Render());

        var points = svg.WithClass("series").Single().Elements(Svg.Ns + "circle").ToList();
        Assert.Equal(6, points.Count);
        Assert.Equal(DashboardPage.TimePoints.Select(t => t.Code), points.Select(p => p.Attribute("data-category")!.Value));
        var ys = points.Select(p => p.Num("cy")).ToList();
        Assert.True(ys[0] < ys[1], "Baseline pain 7.8 is drawn above 1-week pain 4.1.");
        Assert.True(ys[1] < ys[5]);
        var xs = points.Select(p => p.Num("cx")).ToList();
        Assert.Equal(xs.Order(), xs);
    }

    [Fact]
    public void Each_point_has_its_confidence_interval_whisker_spanning_its_bounds()
    {
        var svg = Svg.Parse(Chart(Trajectory).Render());

        var whiskers = svg.WithClass("ci").OutsideLegend().ToList();
        Assert.Equal(6, whiskers.Count);
        var point = svg.WithClass("point").First(p => p.Attribute("data-category")?.Value == "12m");
        var d = whiskers[5].Attribute("d")!.Value;
        Assert.Contains($"M{point.Attribute("cx")!.Value} ", d);
    }

    [Fact]
    public void Axes_are_drawn_with_the_time_points_and_pain_ticks()
    {
        var svg = Svg.Parse(Chart(Trajectory).Render());

        var x = svg.WithClass("x-axis").Single();
        Assert.Equal(DashboardPage.TimePoints.Select(t => t.Label), x.WithClass("tick").Select(t => t.Value));
        var y = svg.WithClass("y-axis").Single();
        var ticks = y.WithClass("tick").Select(t => t.Value).ToList();
        Assert.Contains("0", ticks);
        Assert.Contains("10", ticks);
        Assert.Contains("Pain (0–10)", y.WithClass("axis-label").Single().Value);
    }

    [Fact]
    public void Benchmark_studies_are_separate_labelled_markers_on_the_same_axes()
    {
        var svg = Svg.Parse(Chart(Trajectory, [new("baseline", "vertos5-2023", 7.6, 7.0, 8.2), new("12m", "vertos5-2023", 3.9), new("3m", "voormolen2006", null, 2.5, 3.3)]).Render());

        var benchmarks = svg.WithClass("benchmark").ToList();
        Assert.Equal(3, benchmarks.Count);
        Assert.Equal(["vertos5-2023", "vertos5-2023", "voormolen2006"], benchmarks.Select(b => b.WithClass("benchmark-label").Single().Value));
        Assert.Equal(2, svg.WithClass("benchmark-marker").Count(m => m.Attribute("data-value") is not null));
        Assert.Single(svg.WithClass("benchmark-range").OutsideLegend(), r => r.Parent!.Attribute("data-study")!.Value == "voormolen2006");
        Assert.Equal(6, svg.WithClass("series").Single().Elements(Svg.Ns + "circle").Count());
    }

    [Fact]
    public void Text_is_encoded_and_numbers_are_invariant_under_any_culture()
    {
        var text = Svg.UnderCommaCulture(() => Chart(Trajectory).Render());

        var svg = Svg.Parse(text);
        Assert.DoesNotContain("<North>", text);
        Assert.Contains("&lt;North&gt;", text);
        var baseline = svg.WithClass("point").First();
        Assert.EndsWith("Baseline: 7.8 (95% CI 7.4 to 8.2)", baseline.Value);
        Assert.Equal("7.8", baseline.Attribute("data-value")!.Value);
        Assert.All(svg.WithClass("point"), p => Assert.Matches(@"^\d+(\.\d+)?$", p.Attribute("cy")!.Value));
    }

    [Fact]
    public void Missing_time_points_are_left_out_not_drawn_at_zero()
    {
        var svg = Svg.Parse(Chart([new("baseline", 8), new("3m", 3)]).Render());

        Assert.Equal(["baseline", "3m"], svg.WithClass("series").Single().Elements(Svg.Ns + "circle").Select(c => c.Attribute("data-category")!.Value));
        Assert.Empty(svg.WithClass("ci"));
    }
}
