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
        svg.Append($"""<text class="axis-label" transform="translate({SvgFormat.N(Left - 40)} {SvgFormat.N(Top + Height / 2)}) rotate(-90)" text-anchor="middle">{SvgFormat.Text(label)}</text></g>""");
        return svg.ToString();
    }

    /// <summary>An x axis line along the bottom, with its label.</summary>
    public string XAxisLine(string label) =>
        $"""<line x1="{SvgFormat.N(Left)}" y1="{SvgFormat.N(Bottom)}" x2="{SvgFormat.N(Right)}" y2="{SvgFormat.N(Bottom)}" /><text class="axis-label" x="{SvgFormat.N(Left + Width / 2)}" y="{SvgFormat.N(Bottom + 40)}" text-anchor="middle">{SvgFormat.Text(label)}</text>""";
}
