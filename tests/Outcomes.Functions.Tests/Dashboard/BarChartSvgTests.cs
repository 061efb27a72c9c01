using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions.Tests.Dashboard;

public sealed class BarChartSvgTests
{
    private static BarChartSvg Chart(params BarValue[] values) => new("medication", "Pain medication over time", "Shares using medication")
    {
        Categories = DashboardPage.TimePoints,
        Series = ["Any pain medication", "Opioid"],
        Values = values,
    };

    [Fact]
    public void A_larger_share_is_a_taller_bar_reaching_higher_with_its_whisker()
    {
        var svg = Svg.Parse(Chart(new BarValue("baseline", "Any pain medication", 0.9, 0.8, 0.95), new BarValue("baseline", "Opioid", 0.45, 0.35, 0.55),
            new BarValue("1w", "Any pain medication", 0.6, 0.5, 0.7), new BarValue("1w", "Opioid", 0.2, 0.1, 0.3)).Render());

        var bars = svg.WithClass("bars").Single().WithClass("bar").ToList();
        Assert.Equal(4, bars.Count);
        var (tall, shortBar) = (bars[0], bars[1]);
        Assert.True(tall.Num("y") < shortBar.Num("y"));
        Assert.Equal(2.0, tall.Num("height") / shortBar.Num("height"), 1);
        Assert.Equal(tall.Num("y") + tall.Num("height"), shortBar.Num("y") + shortBar.Num("height"), 1);
        Assert.Equal(4, svg.WithClass("bars").Single().WithClass("ci").Count());
    }

    [Fact]
    public void The_share_axis_runs_from_0_to_100_percent()
    {
        var svg = Svg.Parse(Chart(new BarValue("1m", "Opioid", 0.3)).Render());

        var ticks = svg.WithClass("y-axis").Single().WithClass("tick").Select(t => t.Value).ToList();
        Assert.Equal("0%", ticks[0]);
        Assert.Equal("100%", ticks[^1]);
    }

    [Fact]
    public void A_suppressed_share_is_marked_and_never_drawn_as_zero()
    {
        var svg = Svg.Parse(Chart(new BarValue("1m", "Opioid", null, Note: "suppressed"), new BarValue("1m", "Any pain medication", 0.5)).Render());

        Assert.Single(svg.WithClass("bars").Single().WithClass("bar"));
        Assert.Contains(svg.WithClass("missing"), m => m.Value.Contains("suppressed"));
    }
}
