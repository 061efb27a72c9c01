using System.Globalization;
using System.Net;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// Writing inline SVG: every text encoded, every number in invariant culture (a comma decimal separator would break
/// the coordinates), and "nice" axis ticks (1, 2 or 5 × 10^k).
/// </summary>
internal static class SvgFormat
{
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A coordinate: at most two decimals, invariant.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A figure for people: <paramref name="decimals"/> decimals, invariant, a true minus sign.</summary>
    public static string Figure(double value, int decimals = 1)
    {
        var rounded = Math.Round(value, decimals);
        return (rounded == 0 ? 0 : rounded).ToString("F" + decimals, CultureInfo.InvariantCulture).Replace("-", "−");
    }

    public static string Percent(double share, int decimals = 0) => Figure(share * 100, decimals) + "%";

    /// <summary>Ticks covering [<paramref name="min"/>, <paramref name="max"/>] at a nice step, about <paramref name="count"/> of them.</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count = 5)
    {
        if (!(max > min))
            return [min];
        var raw = (max - min) / Math.Max(1, count);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Round(t, 10) + 0.0);
        return ticks;
    }

    /// <summary>A nice upper bound at or above <paramref name="max"/>.</summary>
    public static double NiceCeiling(double max)
    {
        if (max <= 0)
            return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }.Select(m => m * magnitude).First(c => c >= max);
    }

    /// <summary>The opening of a chart: scalable to its container, labelled by its title and description for screen readers.</summary>
    public static string Open(string id, int width, int height, string title, string description) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" id="{Text(id)}" class="chart" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{Text(id)}-title {Text(id)}-desc"><title id="{Text(id)}-title">{Text(title)}</title><desc id="{Text(id)}-desc">{Text(description)}</desc>""";
}

/// <summary>The drawing area of a chart and its linear scales.</summary>
internal sealed record PlotArea(double Left, double Top, double Width, double Height, double XMin, double XMax, double YMin, double YMax)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public double X(double value) => Left + (value - XMin) / (XMax - XMin) * Width;
    /// <summary>Higher values are drawn higher (smaller y).</summary>
    public double Y(double value) => Top + (YMax - value) / (YMax - YMin) * Height;

    /// <summary>The y axis: line, ticks with their values and gridlines, and its label, rotated.</summary>
    public string YAxis(string label, Func<double, string> tickText, int tickCount = 5)
    {
        var svg = new System.Text.StringBuilder();
        svg.Append($"""<g class="axis y-axis"><line x1="{SvgFormat.N(Left)}" y1="{SvgFormat.N(Top)}" x2="{SvgFormat.N(Left)}" y2="{SvgFormat.N(Bottom)}" />""");
        foreach (var tick in SvgFormat.Ticks(YMin, YMax, tickCount))
        {
            var y = SvgFormat.N(Y(tick));
            svg.Append($"""<line class="grid" x1="{SvgFormat.N(Left)}" y1="{y}" x2="{SvgFormat.N(Right)}" y2="{y}" />""");
            svg.Append($"""<text class="tick" x="{SvgFormat.N(Left - 6)}" y="{y}" text-anchor="end" dominant-baseline="middle">{SvgFormat.Text(tickText(tick))}</text>""");
        }
        svg.Append($"""<text class="axis-label" transform="translate({SvgFormat.N(Left - 58)} {SvgFormat.N(Top + Height / 2)}) rotate(-90)" text-anchor="middle">{SvgFormat.Text(label)}</text></g>""");
        return svg.ToString();
    }

    /// <summary>An x axis line along the bottom, with its label <paramref name="labelOffset"/> below it (its baseline).</summary>
    public string XAxisLine(string label, double labelOffset = 42) =>
        $"""<line x1="{SvgFormat.N(Left)}" y1="{SvgFormat.N(Bottom)}" x2="{SvgFormat.N(Right)}" y2="{SvgFormat.N(Bottom)}" /><text class="axis-label" x="{SvgFormat.N(Left + Width / 2)}" y="{SvgFormat.N(Bottom + labelOffset)}" text-anchor="middle">{SvgFormat.Text(label)}</text>""";
}

/// <summary>A rectangle in a chart's own coordinates (SVG user units, y down).</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public bool Intersects(Box other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
    public bool Inside(Box outer) => X >= outer.X && Y >= outer.Y && Right <= outer.Right && Bottom <= outer.Bottom;
}

/// <summary>
/// Room for text in a chart: what is already drawn (labels, markers) and the bounds text must stay within. Text widths are
/// estimated on the wide side (DejaVu Sans, the widest of the sans-serif fonts clinics' machines fall back to), so a label
/// placed here is neither clipped by the chart's edge nor drawn over another.
/// </summary>
internal sealed class TextRoom(Box bounds)
{
    private readonly List<Box> taken = [];

    public Box Bounds => bounds;

    /// <summary>Marks <paramref name="box"/> as drawn on.</summary>
    public void Take(Box box) => taken.Add(box);

    public bool IsFree(Box box) => box.Inside(bounds) && !taken.Any(box.Intersects);

    /// <summary>The first free box among <paramref name="candidates"/>, taken; null when none is free.</summary>
    public Box? TakeFirstFree(IEnumerable<Box> candidates)
    {
        foreach (var box in candidates)
            if (IsFree(box))
            {
                taken.Add(box);
                return box;
            }
        return null;
    }

    /// <summary>The width <paramref name="text"/> takes at <paramref name="fontSize"/>, estimated per character class and rounded up.</summary>
    public static double Width(string text, double fontSize) => Math.Ceiling(text.Sum(c => c switch
    {
        'i' or 'l' or 'j' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.34,
        ' ' or '(' or ')' or '-' or '[' or ']' or '/' or 'f' or 't' or 'r' => 0.46,
        'm' or 'w' or 'M' or 'W' or '%' or '@' => 1.02,
        >= 'A' and <= 'Z' => 0.8,
        >= '0' and <= '9' => 0.66,
        < (char)128 => 0.64,
        _ => 1.0,
    }) * fontSize) + 2;

    /// <summary>The box of a one-line text whose baseline starts at (<paramref name="x"/>, <paramref name="baseline"/>), anchored at its start.</summary>
    public static Box TextBox(string text, double fontSize, double x, double baseline) =>
        new(x - 1, baseline - fontSize * 0.95, Width(text, fontSize), fontSize * 1.25);
}

/// <summary>
/// A chart's legend laid out in rows below the plot: each entry a 16-unit swatch and its text, wrapping to a new row
/// when the next would pass the right edge, so no entry is clipped or drawn over another whatever the names' lengths.
/// </summary>
internal sealed class LegendFlow(double left, double right, double top, double fontSize = 13)
{
    private const double Swatch = 16, Gap = 6, Spacing = 22, RowHeight = 22;
    private readonly System.Text.StringBuilder svg = new();
    private double x = double.NaN, row;

    /// <summary>The y below the last row.</summary>
    public double Bottom => top + (row + 1) * RowHeight;

    /// <summary>Adds an entry: <paramref name="swatch"/> draws the marker into the 16×16 box at (x, y).</summary>
    public LegendFlow Add(Func<double, double, string> swatch, string text)
    {
        var available = right - left - Swatch - Gap;
        var shown = Fit(text, available, fontSize);
        var width = Swatch + Gap + TextRoom.Width(shown, fontSize);
        if (double.IsNaN(x))
            x = left;
        else if (x > left && x + width > right)
        {
            row++;
            x = left;
        }
        var y = top + row * RowHeight;
        svg.Append("<g class=\"legend-entry\">").Append(swatch(x, y + 2))
            .Append($"""<text x="{SvgFormat.N(x + Swatch + Gap)}" y="{SvgFormat.N(y + 14)}">{(shown == text ? "" : $"<title>{SvgFormat.Text(text)}</title>")}{SvgFormat.Text(shown)}</text></g>""");
        x += width + Spacing;
        return this;
    }

    public string Render() => $"<g class=\"legend\">{svg}</g>";

    /// <summary><paramref name="text"/>, cut short with an ellipsis where it is wider than <paramref name="width"/>.</summary>
    public static string Fit(string text, double width, double fontSize = 13)
    {
        if (TextRoom.Width(text, fontSize) <= width)
            return text;
        var cut = text;
        while (cut.Length > 1 && TextRoom.Width(cut + "…", fontSize) > width)
            cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }
}
