using System.Xml.Linq;
using Outcomes.Functions.Dashboard;

namespace Outcomes.Functions.Tests.Dashboard;

public sealed class DashboardPageTests
{
    private static readonly ShareFigure Half = new(10, 20, 0.5, 0.3, 0.7);

    internal static DashboardModel Model(FunnelView? funnel = null, string scope = "Spine Centre North") => new(
        scope, ["Procedure: vertebroplasty"], "2026-11-25 10:00 UTC",
        new CohortFigures(12, 14, 19, new ShareFigure(0, 14, 0, 0, 0.22), 1, 1, new ShareFigure(1, 12, 0.083, 0.015, 0.35)),
        [
            new("baseline", null, null, null, new MeanFigure(12, 7.8, 1.2, 7.0, 8.6, 8, 7, 9), null, null, null, new ShareFigure(11, 12, 0.92, 0.65, 0.99), Half),
            new("1w", 12, 10, new ShareFigure(10, 12, 0.83, 0.55, 0.95), new MeanFigure(10, 4.1, 1.5, 3.0, 5.2, 4, 3, 5), new MeanFigure(10, -3.7, 1.4, -4.7, -2.7), Half, Half, Half, Half),
            new("1m", 12, 3, null, null, null, null, null, null, null, Suppressed: true),
        ],
        [
            new("tan2015", "1m", "mortality_30d", null, Numerator: 0, Denominator: 62),
            new("tan2015", "12m", "new_fracture_patients", null, Numerator: 5, Denominator: 62),
            new("tan2015", "1w", "pain_mean", null, Note: "VAS improved vs baseline, P<0.001 (values not in abstract)"),
            new("vertos5-2023", "baseline", "pain_mean", 7.6, 7.0, 8.2, N: 40, Overlaps: true),
            new("evolve2019", "1w", "pain_change", -5.2),
        ],
        [
            new("tan2015", "Tan H-Y, Wang L-M, Zhao L, Liu Y-L, Song R-P. A prospective study of percutaneous vertebroplasty. Pain Res Manag. 2015;20(1):e8-e11.", "https://www.hindawi.com/journals/prm/2015/181487/", "vertebroplasty", 62),
            new("vertos5-2023", "Carli D et al. VERTOS V.", null, "vertebroplasty", 40),
        ],
        funnel);

    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!doctype html>", html);
        return XDocument.Parse(html["<!doctype html>".Length..]);
    }

    [Fact]
    public void The_page_has_every_section_each_chart_with_a_title_a_description_and_a_table()
    {
        var page = Parse(DashboardPage.Render(Model()));

        var sections = page.Descendants("section").Select(s => s.Attribute("id")!.Value).ToList();
        Assert.Equal(["pain", "response", "medication", "cohort", "benchmarks"], sections);
        foreach (var figure in page.Descendants("figure"))
        {
            var svg = figure.Element(Svg.Ns + "svg")!;
            Svg.Parse(svg.ToString());
            var next = figure.ElementsAfterSelf().FirstOrDefault(e => e.Name == "div" && e.Attribute("class")?.Value == "table" || e.Name == "figure");
            Assert.NotNull(next);
        }
        Assert.Equal(5, page.Descendants(Svg.Ns + "svg").Count());
        foreach (var section in page.Descendants("section").Where(s => s.Descendants(Svg.Ns + "svg").Any()))
            Assert.NotEmpty(section.Descendants("table"));
    }

    [Fact]
    public void Nothing_is_fetched_from_elsewhere_and_there_is_no_script()
    {
        var html = DashboardPage.Render(Model(FunnelSample()));
        var page = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(http", html);
        Assert.DoesNotContain(page.Descendants(), e => e.Attribute("src") is not null);
        Assert.Empty(page.Descendants("link"));
        Assert.All(page.Descendants().Where(e => e.Name.Namespace == Svg.Ns).SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName == "href"),
            a => Assert.StartsWith("#", a.Value));
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Benchmarks_appear_with_their_citations_and_tan2015_in_the_safety_chart()
    {
        var page = Parse(DashboardPage.Render(Model()));

        var citation = page.Descendants("li").Single(l => l.Attribute("id")?.Value == "study-tan2015");
        Assert.Contains("Pain Res Manag. 2015", citation.Value);
        Assert.Equal("https://www.hindawi.com/journals/prm/2015/181487/", citation.Element("a")!.Attribute("href")!.Value);
        var safety = page.Descendants(Svg.Ns + "svg").Single(s => s.Attribute("id")!.Value == "chart-safety");
        Assert.Contains(safety.WithClass("bar"), b => b.Attribute("data-category")?.Value.StartsWith("tan2015/", StringComparison.Ordinal) == true);
        var pain = page.Descendants(Svg.Ns + "svg").Single(s => s.Attribute("id")!.Value == "chart-pain");
        Assert.Contains(pain.WithClass("benchmark"), b => b.Attribute("data-study")?.Value == "vertos5-2023");
        Assert.Contains(page.Descendants("ul").Where(u => u.Attribute("class")?.Value == "notes").Descendants("li"), l => l.Value.StartsWith("tan2015"));
    }

    [Fact]
    public void A_suppressed_time_point_says_so_and_is_not_drawn()
    {
        var page = Parse(DashboardPage.Render(Model() with { SuppressionMinimum = 5 }));

        var row = page.Descendants("table").First().Descendants("tr").Single(r => r.Attribute("class")?.Value == "suppressed");
        Assert.Contains("suppressed", row.Value);
        var pain = page.Descendants(Svg.Ns + "svg").Single(s => s.Attribute("id")!.Value == "chart-pain");
        Assert.Equal(2, pain.WithClass("series").Single().Elements(Svg.Ns + "circle").Count());
    }

    [Fact]
    public void In_a_clinics_own_view_a_missing_figure_reads_no_data_yet_not_suppressed()
    {
        var html = DashboardPage.Render(Model() with { SuppressionMinimum = null });

        Assert.Contains("no data yet", html);
        Assert.DoesNotContain(">suppressed<", html);
    }

    [Fact]
    public void The_funnel_plot_is_shown_only_when_the_model_has_one()
    {
        var clinic = Parse(DashboardPage.Render(Model()));
        var analyst = Parse(DashboardPage.Render(Model(FunnelSample(), "All clinics")));

        Assert.DoesNotContain(clinic.Descendants("section"), s => s.Attribute("id")!.Value == "funnel");
        var funnel = analyst.Descendants("section").Single(s => s.Attribute("id")!.Value == "funnel");
        Assert.Single(funnel.Descendants(Svg.Ns + "svg"));
        Assert.Equal(2, funnel.Descendants("tbody").Single().Elements("tr").Count());
        Assert.Contains("indirect standardisation", funnel.Value);
    }

    [Fact]
    public void Names_are_encoded()
    {
        var html = DashboardPage.Render(Model(scope: "<b>Evil</b> & Co"));

        Parse(html);
        Assert.DoesNotContain("<b>Evil", html);
    }

    internal static FunnelView FunnelSample() => new("3m", true, -4, 2, 1.96, 3.09,
        [new("North", 20, -4.2, -4.5, -4.3, Half, false, false), new("South", 80, -2.9, -3.0, -4.1, null, true, true)]);
}
