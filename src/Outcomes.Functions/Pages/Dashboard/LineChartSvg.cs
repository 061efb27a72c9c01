using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>One value of a series at a category, with its 95% interval when known.</summary>
internal sealed record SeriesPoint(string Category, double Value, double? Low = null, double? High = null);

/// <summary>
/// A published figure drawn on the same axes as separate markers, labelled by study id: a point (with its interval when
/// reported), or, with <see cref="Value"/> null, only the range the study reports (<see cref="Low"/>–<see cref="High"/>).
/// </summary>
internal sealed record MarkerPoint(string Category, string Label, double? Value, double? Low = null, double? High = null);

/// <summary>
/// A line chart over ordered categories (the time points): the clinic's series as points joined by a line, each with
/// its 95% CI whisker, and other series (benchmark studies) as hollow diamond markers beside it, each labelled.
/// </summary>
internal sealed class LineChartSvg(string id, string title, string description)
{
    private const int Width = 720, Height = 380;

    public required IReadOnlyList<(string Code, string Label)> Categories { get; init; }
    public required string SeriesName { get; init; }
    public required string YLabel { get; init; }
    public IReadOnlyList<SeriesPoint> Series { get; init; } = [];
    public IReadOnlyList<MarkerPoint> Markers { get; init; } = [];
    /// <summary>The y range; widened to hold every value and interval.</summary>
    public double YMin { get; init; }
    public double YMax { get; init; } = 10;

    public string Render()
    {
        var values = Series.SelectMany(p => new[] { p.Value, p.Low ?? p.Value, p.High ?? p.Value })
            .Concat(Markers.SelectMany(m => new[] { m.Value, m.Low, m.High }).OfType<double>()).ToList();
        var (yMin, yMax) = (Math.Min(YMin, values.DefaultIfEmpty(YMin).Min()), Math.Max(YMax, values.DefaultIfEmpty(YMax).Max()));
        var ticks = Ticks(yMin, yMax);
        (yMin, yMax) = (Math.Min(yMin, ticks[0]), Math.Max(yMax, ticks[^1]));
        var area = new PlotArea(64, 20, Width - 64 - 20, Height - 20 - 80, -0.5, Categories.Count - 0.5, yMin, yMax);
        double X(string code) => area.X(Categories.Select(c => c.Code).ToList().IndexOf(code));
        var known = Categories.Select(c => c.Code).ToHashSet();

        var svg = new StringBuilder(Open(id, Width, Height, title, description));
        svg.Append(area.YAxis(YLabel, t => Figure(t, Math.Abs(t % 1) < 1e-9 ? 0 : 1)));
        svg.Append("""<g class="axis x-axis">""").Append(area.XAxisLine("Time since the procedure"));
        foreach (var (code, label) in Categories)
            svg.Append($"""<text class="tick" x="{N(X(code))}" y="{N(area.Bottom + 18)}" text-anchor="middle">{Text(label)}</text>""");
        svg.Append("</g>");

        var points = Series.Where(p => known.Contains(p.Category)).OrderBy(p => X(p.Category)).ToList();
        svg.Append($"""<g class="series" aria-label="{Text(SeriesName)}">""");
        if (points.Count > 1)
            svg.Append($"""<polyline class="series-line" fill="none" points="{string.Join(" ", points.Select(p => $"{N(X(p.Category))},{N(area.Y(p.Value))}"))}" />""");
        foreach (var p in points)
        {
            var x = N(X(p.Category));
            if (p is { Low: { } low, High: { } high })
                svg.Append($"""<path class="ci" d="M{N(X(p.Category) - 6)} {N(area.Y(high))}H{N(X(p.Category) + 6)}M{x} {N(area.Y(high))}V{N(area.Y(low))}M{N(X(p.Category) - 6)} {N(area.Y(low))}H{N(X(p.Category) + 6)}" />""");
            svg.Append($"""<circle class="point" data-category="{Text(p.Category)}" data-value="{N(p.Value)}" cx="{x}" cy="{N(area.Y(p.Value))}" r="5"><title>{Text($"{SeriesName}, {LabelOf(p.Category)}: {Figure(p.Value)}{Interval(p.Low, p.High)}")}</title></circle>""");
        }
        svg.Append("</g>");

        svg.Append("""<g class="benchmarks">""");
        foreach (var group in Markers.Where(m => known.Contains(m.Category)).GroupBy(m => m.Category))
        {
            var k = 0;
            foreach (var m in group)
            {
                var x = X(m.Category) + 16 + 14 * k++;
                svg.Append($"""<g class="benchmark" data-study="{Text(m.Label)}" data-category="{Text(m.Category)}"><title>{Text($"{m.Label}, {LabelOf(m.Category)}: {(m.Value is { } v ? Figure(v) : $"{Figure(m.Low ?? 0)}–{Figure(m.High ?? 0)}")}{Interval(m.Value is null ? null : m.Low, m.High)}")}</title>""");
                if (m is { Low: { } low, High: { } high })
                    svg.Append($"""<line class="benchmark-range" x1="{N(x)}" y1="{N(area.Y(high))}" x2="{N(x)}" y2="{N(area.Y(low))}" />""");
                var labelY = area.Y(m.Value ?? m.High ?? 0) - 9;
                if (m.Value is { } value)
                {
                    var y = area.Y(value);
                    svg.Append($"""<path class="benchmark-marker" data-value="{N(value)}" d="M{N(x)} {N(y - 6)}L{N(x + 6)} {N(y)}L{N(x)} {N(y + 6)}L{N(x - 6)} {N(y)}Z" />""");
                }
                svg.Append($"""<text class="benchmark-label" x="{N(x)}" y="{N(labelY)}" text-anchor="start" transform="rotate(-35 {N(x)} {N(labelY)})">{Text(m.Label)}</text></g>""");
            }
        }
        svg.Append("</g>");
        svg.Append(Legend(area));
        return svg.Append("</svg>").ToString();
    }

    private string Legend(PlotArea area)
    {
        var y = N(area.Bottom + 62);
        var legend = $"""<g class="legend"><circle class="point" cx="{N(area.Left + 6)}" cy="{y}" r="5" /><text x="{N(area.Left + 16)}" y="{y}" dominant-baseline="middle">{Text(SeriesName + " (95% CI)")}</text>""";
        if (Markers.Count > 0)
            legend += $"""<path class="benchmark-marker" d="M{N(area.Left + 306)} {N(area.Bottom + 56)}l6 6l-6 6l-6 -6z" /><text x="{N(area.Left + 318)}" y="{y}" dominant-baseline="middle">Published studies (by study id)</text>""";
        return legend + "</g>";
    }

    private string LabelOf(string code) => Categories.FirstOrDefault(c => c.Code == code).Label ?? code;

    private static string Interval(double? low, double? high) =>
        low is { } l && high is { } h ? $" (95% CI {Figure(l)} to {Figure(h)})" : "";
}
