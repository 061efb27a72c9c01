using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>One bar: a share 0..1 of a series at a category, with its 95% interval; null share = not shown (suppressed or no data).</summary>
internal sealed record BarValue(string Category, string Series, double? Share, double? Low = null, double? High = null, string? Note = null);

/// <summary>
/// A grouped bar chart of shares (0–100%) with 95% CI whiskers: per category (time point, or clinic vs study) one bar per
/// series. A missing share is marked with a dash and its note, never drawn as 0. Category names wrap onto lines within
/// their band; the legend names every mark drawn.
/// </summary>
internal sealed class BarChartSvg(string id, string title, string description)
{
    private const int Width = 720, PlotHeight = 240, TickSize = 13, MaxTickLines = 3;
    private static readonly string[] SeriesClasses = ["s0", "s1", "s2", "s3"];

    public required IReadOnlyList<(string Code, string Label)> Categories { get; init; }
    public required IReadOnlyList<string> Series { get; init; }
    public required IReadOnlyList<BarValue> Values { get; init; }
    public string YLabel { get; init; } = "Share of patients";
    public string XLabel { get; init; } = "Time since the procedure";

    public string Render()
    {
        var area = new PlotArea(76, 24, Width - 76 - 24, PlotHeight, 0, Math.Max(1, Categories.Count), 0, 1);
        var band = area.Width / Math.Max(1, Categories.Count);
        var tickLines = Categories.Select(c => Wrap(c.Label, band - 8)).ToList();
        var lineCount = tickLines.Select(l => l.Count).DefaultIfEmpty(1).Max();
        var body = new StringBuilder();
        body.Append(area.YAxis(YLabel, t => Percent(t)));
        body.Append("""<g class="axis x-axis">""").Append(area.XAxisLine(XLabel, 24 + 16 * lineCount));
        for (var i = 0; i < Categories.Count; i++)
        {
            var x = N(area.X(i + 0.5));
            body.Append($"""<text class="tick" x="{x}" y="{N(area.Bottom + 18)}" text-anchor="middle">""")
                .Append(string.Join("", tickLines[i].Select((line, k) => $"""<tspan x="{x}" dy="{(k == 0 ? "0" : "16")}">{Text(line)}</tspan>""")))
                .Append(tickLines[i].Count == 1 && tickLines[i][0] == Categories[i].Label ? "" : $"<title>{Text(Categories[i].Label)}</title>")
                .Append("</text>");
        }
        body.Append("</g>");

        var barWidth = Math.Min(36, band * 0.8 / Math.Max(1, Series.Count));
        var anyMissing = false;
        var anyCi = false;
        body.Append("""<g class="bars">""");
        for (var c = 0; c < Categories.Count; c++)
            for (var s = 0; s < Series.Count; s++)
            {
                var left = area.X(c + 0.5) - barWidth * Series.Count / 2 + s * barWidth;
                var centre = left + barWidth / 2;
                var cls = SeriesClasses[s % SeriesClasses.Length];
                if (Values.FirstOrDefault(v => v.Category == Categories[c].Code && v.Series == Series[s]) is not { Share: { } share } value)
                {
                    anyMissing = true;
                    var note = Values.FirstOrDefault(v => v.Category == Categories[c].Code && v.Series == Series[s])?.Note ?? "no data";
                    body.Append($"""<text class="missing" x="{N(centre)}" y="{N(area.Bottom - 6)}" text-anchor="middle"><title>{Text($"{Series[s]}, {Categories[c].Label}: {note}")}</title>–</text>""");
                    continue;
                }
                var top = area.Y(share);
                body.Append($"""<rect class="bar {cls}" data-category="{Text(Categories[c].Code)}" data-series="{Text(Series[s])}" data-value="{N(share)}" x="{N(left + 1)}" y="{N(top)}" width="{N(barWidth - 2)}" height="{N(area.Bottom - top)}"><title>{Text($"{Series[s]}, {Categories[c].Label}: {Percent(share)}{(value is { Low: { } l, High: { } h } ? $" (95% CI {Percent(l)} to {Percent(h)})" : "")}")}</title></rect>""");
                if (value is { Low: { } low, High: { } high })
                {
                    anyCi = true;
                    body.Append($"""<path class="ci" d="M{N(centre - 5)} {N(area.Y(high))}H{N(centre + 5)}M{N(centre)} {N(area.Y(high))}V{N(area.Y(low))}M{N(centre - 5)} {N(area.Y(low))}H{N(centre + 5)}" />""");
                }
            }
        body.Append("</g>");

        var legend = new LegendFlow(area.Left, Width - 8, area.Bottom + 38 + 16 * lineCount);
        for (var s = 0; s < Series.Count; s++)
        {
            var cls = SeriesClasses[s % SeriesClasses.Length];
            legend.Add((x, y) => $"""<rect class="bar {cls}" x="{N(x + 2)}" y="{N(y + 2)}" width="12" height="12" />""", Series[s]);
        }
        if (anyCi)
            legend.Add((x, y) => $"""<path class="ci" style="stroke: #1a1a1a" d="M{N(x + 3)} {N(y)}H{N(x + 13)}M{N(x + 8)} {N(y)}V{N(y + 16)}M{N(x + 3)} {N(y + 16)}H{N(x + 13)}" />""", "95% CI");
        if (anyMissing)
            legend.Add((x, y) => $"""<text class="missing" x="{N(x + 8)}" y="{N(y + 13)}" text-anchor="middle">–</text>""", "No figure (no data or suppressed)");
        var height = (int)Math.Ceiling(legend.Bottom + 6);
        return new StringBuilder(Open(id, Width, height, title, description)).Append(body).Append(legend.Render()).Append("</svg>").ToString();
    }

    /// <summary><paramref name="label"/> broken at spaces into lines no wider than <paramref name="width"/>, at most three, the last cut short if need be.</summary>
    private static List<string> Wrap(string label, double width)
    {
        var lines = new List<string>();
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lines.Count > 0 && TextRoom.Width(lines[^1] + " " + word, TickSize) <= width)
                lines[^1] += " " + word;
            else
                lines.Add(word);
        }
        if (lines.Count > MaxTickLines)
            lines = [.. lines.Take(MaxTickLines - 1), string.Join(" ", lines.Skip(MaxTickLines - 1))];
        return lines.Select(l => LegendFlow.Fit(l, width, TickSize)).DefaultIfEmpty("").ToList();
    }
}
