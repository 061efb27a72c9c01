using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>One bar: a share 0..1 of a series at a category, with its 95% interval; null share = not shown (suppressed or no data).</summary>
internal sealed record BarValue(string Category, string Series, double? Share, double? Low = null, double? High = null, string? Note = null);

/// <summary>
/// A grouped bar chart of shares (0–100%) with 95% CI whiskers: per category (time point, or clinic vs study) one bar per
/// series. A missing share is marked with a dash and its note, never drawn as 0.
/// </summary>
internal sealed class BarChartSvg(string id, string title, string description)
{
    private const int Width = 720, Height = 360;
    private static readonly string[] SeriesClasses = ["s0", "s1", "s2", "s3"];

    public required IReadOnlyList<(string Code, string Label)> Categories { get; init; }
    public required IReadOnlyList<string> Series { get; init; }
    public required IReadOnlyList<BarValue> Values { get; init; }
    public string YLabel { get; init; } = "Share of patients";
    public string XLabel { get; init; } = "Time since the procedure";

    public string Render()
    {
        var area = new PlotArea(64, 20, Width - 64 - 20, Height - 20 - 80, 0, Math.Max(1, Categories.Count), 0, 1);
        var svg = new StringBuilder(Open(id, Width, Height, title, description));
        svg.Append(area.YAxis(YLabel, t => Percent(t)));
        svg.Append("""<g class="axis x-axis">""").Append(area.XAxisLine(XLabel));
        for (var i = 0; i < Categories.Count; i++)
            svg.Append($"""<text class="tick" x="{N(area.X(i + 0.5))}" y="{N(area.Bottom + 18)}" text-anchor="middle">{Text(Categories[i].Label)}</text>""");
        svg.Append("</g>");

        var band = area.Width / Math.Max(1, Categories.Count);
        var barWidth = Math.Min(36, band * 0.8 / Math.Max(1, Series.Count));
        svg.Append("""<g class="bars">""");
        for (var c = 0; c < Categories.Count; c++)
            for (var s = 0; s < Series.Count; s++)
            {
                var left = area.X(c + 0.5) - barWidth * Series.Count / 2 + s * barWidth;
                var centre = left + barWidth / 2;
                var cls = SeriesClasses[s % SeriesClasses.Length];
                if (Values.FirstOrDefault(v => v.Category == Categories[c].Code && v.Series == Series[s]) is not { Share: { } share } value)
                {
                    var note = Values.FirstOrDefault(v => v.Category == Categories[c].Code && v.Series == Series[s])?.Note ?? "no data";
                    svg.Append($"""<text class="missing" x="{N(centre)}" y="{N(area.Bottom - 6)}" text-anchor="middle"><title>{Text($"{Series[s]}, {Categories[c].Label}: {note}")}</title>–</text>""");
                    continue;
                }
                var top = area.Y(share);
                svg.Append($"""<rect class="bar {cls}" data-category="{Text(Categories[c].Code)}" data-series="{Text(Series[s])}" data-value="{N(share)}" x="{N(left + 1)}" y="{N(top)}" width="{N(barWidth - 2)}" height="{N(area.Bottom - top)}"><title>{Text($"{Series[s]}, {Categories[c].Label}: {Percent(share)}{(value is { Low: { } l, High: { } h } ? $" (95% CI {Percent(l)} to {Percent(h)})" : "")}")}</title></rect>""");
                if (value is { Low: { } low, High: { } high })
                    svg.Append($"""<path class="ci" d="M{N(centre - 5)} {N(area.Y(high))}H{N(centre + 5)}M{N(centre)} {N(area.Y(high))}V{N(area.Y(low))}M{N(centre - 5)} {N(area.Y(low))}H{N(centre + 5)}" />""");
            }
        svg.Append("</g>");

        svg.Append("""<g class="legend">""");
        for (var s = 0; s < Series.Count; s++)
        {
            var x = area.Left + s * 200;
            svg.Append($"""<rect class="bar {SeriesClasses[s % SeriesClasses.Length]}" x="{N(x)}" y="{N(area.Bottom + 52)}" width="12" height="12" /><text x="{N(x + 18)}" y="{N(area.Bottom + 58)}" dominant-baseline="middle">{Text(Series[s])}</text>""");
        }
        return svg.Append("</g></svg>").ToString();
    }
}
