using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard's building blocks: sections, figures and tables, and each figure as a table cell reads it (a mean, an
/// interval, a share, or what a missing figure reads as in this view).
/// </summary>
internal static class DashboardCells
{
    /// <summary>
    /// What a missing figure reads as: "suppressed" in a view under small-cell suppression (where fewer than 5 includes
    /// none), "no data yet" in a clinic's own view. Set for the (synchronous) render on this thread.
    /// </summary>
    [ThreadStatic]
    private static string? missing;

    public static string Missing => missing ?? "suppressed";

    public static void MissingReadsAs(string words) => missing = words;


    public static string Section(string id, string heading, string body) =>
        $"<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{Text(heading)}</h2>\n{body}</section>\n";

    public static string ChartFigure(string svg, string caption) =>
        $"<figure>\n{svg}\n<figcaption>{Text(caption)}</figcaption>\n</figure>\n";

    public static string Table(string caption, IReadOnlyList<string> headers, IEnumerable<string> rows) =>
        $"<div class=\"table\"><table>\n<caption>{Text(caption)}</caption>\n<thead><tr>{string.Join("", headers.Select((h, i) => $"<th scope=\"col\">{Text(h)}</th>"))}</tr></thead>\n<tbody>\n{string.Join("\n", rows)}\n</tbody>\n</table></div>\n";

    /// <summary>A row: the first cell a row header; cells are plain text (encoded here) unless <paramref name="encodedFirst"/> marks the first as HTML.</summary>
    public static string Row(string first, bool suppressed, params object[] cells) => Row(first, suppressed, false, cells);

    public static string Row(string first, bool suppressed, string c1, string c2, string c3, string c4, string c5, string c6, bool encodedFirst) =>
        Row(first, suppressed, encodedFirst, [c1, c2, c3, c4, c5, c6]);

    public static string Row(string first, bool suppressed, string c1, string c2, string c3, string c4, string c5, bool encodedFirst) =>
        Row(first, suppressed, encodedFirst, [c1, c2, c3, c4, c5]);

    public static string Row(string first, bool suppressed, string c1, string c2, string c3, string c4, bool encodedFirst) =>
        Row(first, suppressed, encodedFirst, [c1, c2, c3, c4]);

    public static string Row(string first, bool suppressed, bool encodedFirst, object[] cells) =>
        $"<tr{(suppressed ? " class=\"suppressed\"" : "")}><th scope=\"row\">{(encodedFirst ? first : Text(first))}</th>{string.Join("", cells.Select(c => $"<td>{Text(c.ToString())}</td>"))}</tr>";

    public static string Dash(bool suppressed) => suppressed ? Missing : "–";
    public static string Count(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Missing;
    public static string Mean(double? v, bool suppressed = false, int decimals = 1) => v is { } x ? Figure(x, decimals) : Dash(suppressed);
    public static string Ci(double? low, double? high, bool suppressed = false) => low is { } l && high is { } h ? $"{Figure(l)} to {Figure(h)}" : Dash(suppressed);
    public static string Share(ShareFigure? s, bool suppressed) => s is null ? Dash(suppressed) : $"{Percent(s.Share)} ({s.Count}/{s.N})";
    public static string Ci(ShareFigure? s, bool suppressed) => s is null ? Dash(suppressed) : CiText((s.CiLow, s.CiHigh));
    public static string CiText((double Low, double High) ci) => $"{Percent(ci.Low)} to {Percent(ci.High)}";
    public static string FractionText(ShareFigure? s) => s is null ? Missing : $"{s.Count}/{s.N} ({Percent(s.Share, 1)})";

    public static BarValue Bar(string category, string series, ShareFigure? s, bool suppressed) =>
        new(category, series, s?.Share, s?.CiLow, s?.CiHigh, s is null ? (suppressed ? Missing : "no data") : null);
}
