using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions.Tests.Dashboard;

public sealed class FunnelPlotSvgTests
{
    private static readonly FunnelView Funnel = new("3m", true, -4.0, 2.5, 1.959964, 3.090232,
    [
        new("North", 12, -4.5, -4.8, -4.3, new ShareFigure(12, 15, 0.8, 0.55, 0.93), false, false),
        new("South", 150, -4.1, -4.2, -4.1, new ShareFigure(150, 160, 0.94, 0.89, 0.97), false, false),
        new("East <&>", 220, -3.2, -3.0, -3.8, new ShareFigure(220, 400, 0.55, 0.5, 0.6), true, true),
        new("West", 60, -4.7, -5.0, -4.3, null, true, false),
    ]);

    private static System.Xml.Linq.XElement Render() => Svg.Parse(new FunnelPlotSvg("funnel", "Clinics compared", "Funnel plot", Funnel).Render());

    [Fact]
    public void Each_clinic_is_a_point_further_right_with_more_patients_and_higher_with_a_larger_value()
    {
        var svg = Render();

        var clinics = svg.WithClass("clinic").OutsideLegend().ToList();
        Assert.Equal(4, clinics.Count);
        double X(string n) => clinics.Single(c => c.Attribute("data-n")!.Value == n) is var e && e.Name.LocalName == "circle" ? e.Num("cx") : e.PathPoints()[0].X;
        double Y(string n) => clinics.Single(c => c.Attribute("data-n")!.Value == n) is var e && e.Name.LocalName == "circle" ? e.Num("cy") : e.PathPoints()[0].Y + 7;
        Assert.True(X("12") < X("60") && X("60") < X("150") && X("150") < X("220"));
        Assert.True(Y("220") < Y("150"), "−3.2 is drawn above −4.1.");
        Assert.Equal(["East <&>", "North", "South", "West"], svg.WithClass("clinic-label").Select(l => l.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outliers_are_marked_by_class_and_shape_not_colour_alone()
    {
        var svg = Render();

        Assert.Single(svg.WithClass("outside-998").OutsideLegend());
        Assert.Equal(2, svg.WithClass("clinic").OutsideLegend().Count(c => c.Name.LocalName == "path"));
        Assert.Single(svg.WithClass("outside-95").OutsideLegend());
    }

    [Fact]
    public void Four_limit_curves_narrow_around_the_pooled_mean_as_n_grows_the_998_outside_the_95()
    {
        var svg = Render();

        var mean = svg.WithClass("pooled-mean").First();
        var meanY = mean.Num("y1");
        Assert.Equal(4, svg.WithClass("limit").Count(l => l.Name.LocalName == "path"));
        List<(double X, double Y)> Curve(string level, string side) => svg.WithClass("limit").Single(l => l.Name.LocalName == "path"
            && l.Attribute("class")!.Value.Contains($"limit-{level}") && l.Attribute("class")!.Value.Contains(side)).PathPoints();
        foreach (var level in new[] { "95", "998" })
        {
            var (upper, lower) = (Curve(level, "upper"), Curve(level, "lower"));
            var gaps = upper.Zip(lower, (u, l) => l.Y - u.Y).ToList();
            Assert.All(gaps, g => Assert.True(g > 0));
            Assert.Equal(gaps.OrderDescending(), gaps);
            Assert.All(upper, p => Assert.True(p.Y <= meanY));
            Assert.All(lower, p => Assert.True(p.Y >= meanY));
            Assert.Equal(upper.Select(p => p.X).Order(), upper.Select(p => p.X));
        }
        var outer = Curve("998", "upper").Zip(Curve("95", "upper"), (a, b) => a.Y <= b.Y);
        Assert.All(outer, Assert.True);
    }

    [Fact]
    public void The_limits_use_the_standard_error_at_each_n()
    {
        var svg = Render();

        var upper = svg.WithClass("limit-95").Single(l => l.Name.LocalName == "path" && l.Attribute("class")!.Value.Contains("upper")).PathPoints();
        var meanY = svg.WithClass("pooled-mean").First().Num("y1");
        var gapAtFirst = meanY - upper[0].Y;
        var gapAtLast = meanY - upper[^1].Y;
        var xAxis = svg.WithClass("x-axis").Single();
        Assert.Contains("Patients", xAxis.WithClass("axis-label").Single().Value);
        Assert.True(gapAtFirst > 3 * gapAtLast, "The funnel is wide at small n and narrow at large n.");
    }
}
