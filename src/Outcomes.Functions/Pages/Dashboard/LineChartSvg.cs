using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>One value of a series at a category, with its 95% interval when known.</summary>
internal sealed record SeriesPoint(string Category, double Value, double? Low = null, double? High = null);

/// <summary>
/// A published figure drawn on the same axes as separate markers: a point (with its interval when reported), or, with
/// <see cref="Value"/> null, only the range the study reports (<see cref="Low"/>–<see cref="High"/>). <see cref="Label"/>
/// is the study's id and <see cref="Arm"/> the procedure its patients had (vertebroplasty, kyphoplasty, or both).
/// </summary>
internal sealed record MarkerPoint(string Category, string Label, double? Value, double? Low = null, double? High = null, string? Arm = null);

/// <summary>
/// A line chart over ordered categories (the time points): the clinic's series as points joined by a line, each with
/// its 95% CI whisker, and published studies as markers beside it, one shape per study and arm, each named in the
/// legend with its arm and labelled by its study id where the label has room (never over another label or marker, never
/// past the chart's edge).
/// </summary>
internal sealed class LineChartSvg(string id, string title, string description)
{
    private const int Width = 720, PlotHeight = 260, LabelSize = 11;

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
        var area = new PlotArea(76, 24, Width - 76 - 24, PlotHeight, -0.5, Categories.Count - 0.5, yMin, yMax);
        double X(string code) => area.X(Categories.Select(c => c.Code).ToList().IndexOf(code));
        var known = Categories.Select(c => c.Code).ToHashSet();
        var room = new TextRoom(new Box(area.Left + 2, 2, area.Width - 2, area.Bottom - 4));

        var body = new StringBuilder();
        body.Append(area.YAxis(YLabel, t => Figure(t, Math.Abs(t % 1) < 1e-9 ? 0 : 1)));
        body.Append("""<g class="axis x-axis">""").Append(area.XAxisLine("Time since the procedure"));
        foreach (var (code, label) in Categories)
            body.Append($"""<text class="tick" x="{N(X(code))}" y="{N(area.Bottom + 18)}" text-anchor="middle">{Text(label)}</text>""");
        body.Append("</g>");

        var points = Series.Where(p => known.Contains(p.Category)).OrderBy(p => X(p.Category)).ToList();
        body.Append($"""<g class="series" data-series="{Text(SeriesName)}">""");
        if (points.Count > 1)
            body.Append($"""<polyline class="series-line" fill="none" points="{string.Join(" ", points.Select(p => $"{N(X(p.Category))},{N(area.Y(p.Value))}"))}" />""");
        foreach (var p in points)
        {
            var x = X(p.Category);
            room.Take(new Box(x - 7, area.Y(p.Value) - 7, 14, 14));
            if (p is { Low: { } low, High: { } high })
            {
                room.Take(new Box(x - 7, area.Y(high) - 1, 14, area.Y(low) - area.Y(high) + 2));
                body.Append($"""<path class="ci" d="M{N(x - 6)} {N(area.Y(high))}H{N(x + 6)}M{N(x)} {N(area.Y(high))}V{N(area.Y(low))}M{N(x - 6)} {N(area.Y(low))}H{N(x + 6)}" />""");
            }
            body.Append($"""<circle class="point" data-category="{Text(p.Category)}" data-value="{N(p.Value)}" cx="{N(x)}" cy="{N(area.Y(p.Value))}" r="5"><title>{Text($"{SeriesName}, {LabelOf(p.Category)}: {Figure(p.Value)}{Interval(p.Low, p.High)}")}</title></circle>""");
        }
        body.Append("</g>");

        var shown = Markers.Where(m => known.Contains(m.Category)).ToList();
        var studies = shown.Select(m => (m.Label, m.Arm)).Distinct().ToList();
        var armsOf = shown.GroupBy(m => m.Label).ToDictionary(g => g.Key, g => g.Select(m => m.Arm).Distinct().Count());
        string LabelFor(MarkerPoint m) => armsOf[m.Label] > 1 && m.Arm is { } arm ? $"{m.Label}, {arm}" : m.Label;
        var placed = shown.GroupBy(m => m.Category).SelectMany(g => g.Select((m, k) => (Marker: m, X: X(m.Category) + 16 + 14 * k))).ToList();
        foreach (var (m, x) in placed)
        {
            room.Take(new Box(x - 7, area.Y(m.Value ?? m.High ?? 0) - 7, 14, 14));
            if (m is { Low: { } low, High: { } high })
                room.Take(new Box(x - 3, area.Y(high) - 1, 6, area.Y(low) - area.Y(high) + 2));
        }
        body.Append("""<g class="benchmarks">""");
        foreach (var (m, x) in placed)
        {
            var shape = studies.IndexOf((m.Label, m.Arm));
            body.Append($"""<g class="benchmark" data-study="{Text(m.Label)}" data-arm="{Text(m.Arm)}" data-category="{Text(m.Category)}"><title>{Text($"{m.Label}{(m.Arm is { } a ? $" ({a})" : "")}, {LabelOf(m.Category)}: {(m.Value is { } v ? Figure(v) : $"{Figure(m.Low ?? 0)}–{Figure(m.High ?? 0)}")}{Interval(m.Value is null ? null : m.Low, m.High)}")}</title>""");
            if (m is { Low: { } low, High: { } high })
                body.Append($"""<line class="benchmark-range" x1="{N(x)}" y1="{N(area.Y(high))}" x2="{N(x)}" y2="{N(area.Y(low))}" />""");
            var y = area.Y(m.Value ?? m.High ?? 0);
            body.Append($"""<path class="benchmark-marker"{(m.Value is { } value ? $" data-value=\"{N(value)}\"" : "")} d="{Shapes.Path(shape, x, y)}" />""");
            var text = LabelFor(m);
            var width = TextRoom.Width(text, LabelSize);
            var spot = room.TakeFirstFree(new[] { 0.0, -13, 13, -26, 26 }.SelectMany(dy => new[]
                {
                    TextRoom.TextBox(text, LabelSize, x + 9, y + 4 + dy),
                    TextRoom.TextBox(text, LabelSize, x - 9 - width, y + 4 + dy),
                }));
            if (spot is { } box)
                body.Append($"""<text class="benchmark-label" x="{N(box.X + 1)}" y="{N(box.Y + LabelSize * 0.95)}">{Text(text)}</text>""");
            body.Append("</g>");
        }
        body.Append("</g>");

        var withCi = points.Any(p => p.Low is not null && p.High is not null);
        var legend = new LegendFlow(area.Left, Width - 8, area.Bottom + 58)
            .Add((x, y) => (withCi ? $"""<path class="ci" d="M{N(x + 2)} {N(y)}H{N(x + 14)}M{N(x + 8)} {N(y)}V{N(y + 16)}M{N(x + 2)} {N(y + 16)}H{N(x + 14)}" />""" : "")
                + $"""<circle class="point" cx="{N(x + 8)}" cy="{N(y + 8)}" r="5" />""", withCi ? $"{SeriesName}: mean with 95% CI" : $"{SeriesName}: mean");
        foreach (var (study, arm) in studies)
            legend.Add((x, y) => $"""<path class="benchmark-marker" d="{Shapes.Path(studies.IndexOf((study, arm)), x + 8, y + 8)}" />""", arm is null ? study : $"{study} ({arm})");
        if (shown.Any(m => m.Value is null && m.Low is not null))
            legend.Add((x, y) => $"""<line class="benchmark-range" x1="{N(x + 8)}" y1="{N(y)}" x2="{N(x + 8)}" y2="{N(y + 16)}" />""", "Range a study reports");
        var height = (int)Math.Ceiling(legend.Bottom + 6);
        return new StringBuilder(Open(id, Width, height, title, description)).Append(body).Append(legend.Render()).Append("</svg>").ToString();
    }

    private string LabelOf(string code) => Categories.FirstOrDefault(c => c.Code == code).Label ?? code;

    private static string Interval(double? low, double? high) =>
        low is { } l && high is { } h ? $" (95% CI {Figure(l)} to {Figure(h)})" : "";
}

/// <summary>The marker shapes that tell published studies apart on a chart (not by colour alone), each about 12 units across.</summary>
internal static class Shapes
{
    public static string Path(int index, double x, double y) => (index % 6) switch
    {
        0 => $"M{N(x)} {N(y - 6)}L{N(x + 6)} {N(y)}L{N(x)} {N(y + 6)}L{N(x - 6)} {N(y)}Z",
        1 => $"M{N(x - 5)} {N(y - 5)}H{N(x + 5)}V{N(y + 5)}H{N(x - 5)}Z",
        2 => $"M{N(x)} {N(y - 6)}L{N(x + 6)} {N(y + 5)}L{N(x - 6)} {N(y + 5)}Z",
        3 => $"M{N(x)} {N(y + 6)}L{N(x + 6)} {N(y - 5)}L{N(x - 6)} {N(y - 5)}Z",
        4 => $"M{N(x - 6)} {N(y - 2)}H{N(x - 2)}V{N(y - 6)}H{N(x + 2)}V{N(y - 2)}H{N(x + 6)}V{N(y + 2)}H{N(x + 2)}V{N(y + 6)}H{N(x - 2)}V{N(y + 2)}H{N(x - 6)}Z",
        _ => $"M{N(x - 6)} {N(y)}L{N(x - 3)} {N(y - 5)}H{N(x + 3)}L{N(x + 6)} {N(y)}L{N(x + 3)} {N(y + 5)}H{N(x - 3)}Z",
    };
}
