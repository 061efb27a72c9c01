using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The funnel plot: each clinic's mean change in pain (y) against its number of patients (x), the pooled mean as a
/// horizontal line, and the 95% (dashed) and 99.8% (solid) control limits pooled ± z·SD/√n as curves narrowing with n.
/// A clinic outside a limit is drawn in a stronger colour and a different shape (not by colour alone) and is labelled.
/// </summary>
internal sealed class FunnelPlotSvg(string id, string title, string description, FunnelView funnel)
{
    private const int Width = 720, Height = 420, Samples = 60;

    public string Render()
    {
        var maxN = funnel.Clinics.Select(c => c.N).DefaultIfEmpty(10).Max();
        var xMax = NiceCeiling(maxN * 1.1);
        var startN = Math.Max(1.0, Math.Min(funnel.Clinics.Select(c => (double)c.N).DefaultIfEmpty(1).Min(), xMax / 40) * 0.8);
        double Half(double n, double z) => z * funnel.Sd / Math.Sqrt(n);
        var values = funnel.Clinics.Select(c => c.Value)
            .Append(funnel.PooledMean + Half(startN, funnel.Z998)).Append(funnel.PooledMean - Half(startN, funnel.Z998)).ToList();
        var ticks = Ticks(values.Min(), values.Max());
        var area = new PlotArea(64, 20, Width - 64 - 24, Height - 20 - 84, 0, xMax, Math.Min(values.Min(), ticks[0]), Math.Max(values.Max(), ticks[^1]));

        var svg = new StringBuilder(Open(id, Width, Height, title, description));
        svg.Append($"""<defs><clipPath id="{Text(id)}-area"><rect x="{N(area.Left)}" y="{N(area.Top)}" width="{N(area.Width)}" height="{N(area.Height)}" /></clipPath></defs>""");
        svg.Append(area.YAxis(funnel.CaseMixAdjusted ? "Adjusted mean change in pain" : "Mean change in pain", t => Figure(t, Math.Abs(t % 1) < 1e-9 ? 0 : 1)));
        svg.Append("""<g class="axis x-axis">""").Append(area.XAxisLine("Patients answering (n)"));
        foreach (var tick in Ticks(0, xMax))
            svg.Append($"""<line x1="{N(area.X(tick))}" y1="{N(area.Bottom)}" x2="{N(area.X(tick))}" y2="{N(area.Bottom + 5)}" /><text class="tick" x="{N(area.X(tick))}" y="{N(area.Bottom + 18)}" text-anchor="middle">{Text(Figure(tick, 0))}</text>""");
        svg.Append("</g>");

        svg.Append($"""<g clip-path="url(#{Text(id)}-area)">""");
        svg.Append($"""<line class="pooled-mean" data-value="{N(funnel.PooledMean)}" x1="{N(area.Left)}" y1="{N(area.Y(funnel.PooledMean))}" x2="{N(area.Right)}" y2="{N(area.Y(funnel.PooledMean))}" />""");
        var ns = Enumerable.Range(0, Samples + 1).Select(i => startN * Math.Pow(xMax / startN, (double)i / Samples)).ToList();
        foreach (var (level, z) in new[] { ("95", funnel.Z95), ("998", funnel.Z998) })
            foreach (var (side, sign) in new[] { ("upper", 1), ("lower", -1) })
                svg.Append($"""<path class="limit limit-{level} {side}" fill="none" d="{string.Join("", ns.Select((n, i) => $"{(i == 0 ? "M" : "L")}{N(area.X(n))} {N(area.Y(funnel.PooledMean + sign * Half(n, z)))}"))}" />""");
        svg.Append("</g>");

        svg.Append("""<g class="clinics">""");
        foreach (var c in funnel.Clinics)
        {
            var (x, y) = (area.X(c.N), area.Y(c.Value));
            var cls = c.Outside998 ? "clinic outside-998" : c.Outside95 ? "clinic outside-95" : "clinic";
            var tip = Text($"{c.Label}: n = {c.N}, {Figure(c.Value, 2)}{(c.ResponseRate is { } r ? $", response rate {Percent(r.Share)}" : "")}{(c.Outside998 ? ", outside the 99.8% limits" : c.Outside95 ? ", outside the 95% limits" : "")}");
            svg.Append(c.Outside95
                ? $"""<path class="{cls}" data-n="{c.N}" data-value="{N(c.Value)}" d="M{N(x)} {N(y - 7)}L{N(x + 7)} {N(y + 6)}L{N(x - 7)} {N(y + 6)}Z"><title>{tip}</title></path>"""
                : $"""<circle class="{cls}" data-n="{c.N}" data-value="{N(c.Value)}" cx="{N(x)}" cy="{N(y)}" r="5"><title>{tip}</title></circle>""");
            svg.Append($"""<text class="clinic-label" x="{N(x + 8)}" y="{N(y - 8)}">{Text(c.Label)}</text>""");
        }
        svg.Append("</g>");

        var ly = area.Bottom + 60;
        svg.Append($"""<g class="legend"><line class="pooled-mean" x1="{N(area.Left)}" y1="{N(ly)}" x2="{N(area.Left + 24)}" y2="{N(ly)}" /><text x="{N(area.Left + 30)}" y="{N(ly)}" dominant-baseline="middle">Pooled mean {Text(Figure(funnel.PooledMean, 2))}</text>""");
        svg.Append($"""<line class="limit limit-95" x1="{N(area.Left + 190)}" y1="{N(ly)}" x2="{N(area.Left + 214)}" y2="{N(ly)}" /><text x="{N(area.Left + 220)}" y="{N(ly)}" dominant-baseline="middle">95% limits</text>""");
        svg.Append($"""<line class="limit limit-998" x1="{N(area.Left + 320)}" y1="{N(ly)}" x2="{N(area.Left + 344)}" y2="{N(ly)}" /><text x="{N(area.Left + 350)}" y="{N(ly)}" dominant-baseline="middle">99.8% limits</text></g>""");
        return svg.Append("</svg>").ToString();
    }
}
