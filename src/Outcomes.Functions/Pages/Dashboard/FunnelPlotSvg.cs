using System.Text;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The funnel plot: each clinic's mean change in pain (y) against its number of patients (x), the pooled mean as a
/// horizontal line, and the 95% (dashed) and 99.8% (solid) control limits pooled ± z·SD/√n as curves narrowing with n.
/// A clinic outside a limit is drawn in a stronger colour and a different shape (not by colour alone). Clinics are named
/// in a column right of the plot, each joined to its point by a leader line and kept apart from the others however
/// close the points lie; the legend names every mark and says which way is better.
/// </summary>
internal sealed class FunnelPlotSvg(string id, string title, string description, FunnelView funnel)
{
    private const int Width = 720, PlotHeight = 300, Samples = 60, NamesWidth = 200, LabelSize = 11, LabelSpacing = 14;

    public string Render()
    {
        var maxN = funnel.Clinics.Select(c => c.N).DefaultIfEmpty(10).Max();
        var xMax = NiceCeiling(maxN * 1.1);
        var startN = Math.Max(1.0, Math.Min(funnel.Clinics.Select(c => (double)c.N).DefaultIfEmpty(1).Min(), xMax / 40) * 0.8);
        double Half(double n, double z) => z * funnel.Sd / Math.Sqrt(n);
        var values = funnel.Clinics.Select(c => c.Value)
            .Append(funnel.PooledMean + Half(startN, funnel.Z998)).Append(funnel.PooledMean - Half(startN, funnel.Z998)).ToList();
        var ticks = Ticks(values.Min(), values.Max());
        var area = new PlotArea(76, 24, Width - 76 - 24 - NamesWidth, PlotHeight, 0, xMax, Math.Min(values.Min(), ticks[0]), Math.Max(values.Max(), ticks[^1]));

        var body = new StringBuilder();
        body.Append($"""<defs><clipPath id="{Text(id)}-area"><rect x="{N(area.Left)}" y="{N(area.Top)}" width="{N(area.Width)}" height="{N(area.Height)}" /></clipPath></defs>""");
        body.Append(area.YAxis(funnel.CaseMixAdjusted ? "Adjusted mean change in pain" : "Mean change in pain", t => Figure(t, Math.Abs(t % 1) < 1e-9 ? 0 : 1)));
        body.Append("""<g class="axis x-axis">""").Append(area.XAxisLine("Patients answering (n)"));
        foreach (var tick in Ticks(0, xMax))
            body.Append($"""<line x1="{N(area.X(tick))}" y1="{N(area.Bottom)}" x2="{N(area.X(tick))}" y2="{N(area.Bottom + 5)}" /><text class="tick" x="{N(area.X(tick))}" y="{N(area.Bottom + 18)}" text-anchor="middle">{Text(Figure(tick, 0))}</text>""");
        body.Append("</g>");

        body.Append($"""<g clip-path="url(#{Text(id)}-area)">""");
        body.Append($"""<line class="pooled-mean" data-value="{N(funnel.PooledMean)}" x1="{N(area.Left)}" y1="{N(area.Y(funnel.PooledMean))}" x2="{N(area.Right)}" y2="{N(area.Y(funnel.PooledMean))}" />""");
        var ns = Enumerable.Range(0, Samples + 1).Select(i => startN * Math.Pow(xMax / startN, (double)i / Samples)).ToList();
        foreach (var (level, z) in new[] { ("95", funnel.Z95), ("998", funnel.Z998) })
            foreach (var (side, sign) in new[] { ("upper", 1), ("lower", -1) })
                body.Append($"""<path class="limit limit-{level} {side}" fill="none" d="{string.Join("", ns.Select((n, i) => $"{(i == 0 ? "M" : "L")}{N(area.X(n))} {N(area.Y(funnel.PooledMean + sign * Half(n, z)))}"))}" />""");
        body.Append("</g>");

        // The names' column: each name as near its point's height as the names above it allow, then pushed back up
        // from the bottom where the column ran past it.
        var namesLeft = area.Right + 18;
        var order = funnel.Clinics.Select((c, i) => (Clinic: c, Index: i, Y: area.Y(c.Value))).OrderBy(c => c.Y).ThenBy(c => c.Clinic.N).ToList();
        var baselines = new double[order.Count];
        for (var i = 0; i < order.Count; i++)
            baselines[i] = Math.Max(order[i].Y + 4, i == 0 ? area.Top + LabelSize : baselines[i - 1] + LabelSpacing);
        var lowest = Math.Max(area.Bottom, area.Top + LabelSize + LabelSpacing * (order.Count - 1));
        for (var i = order.Count - 1; i >= 0; i--)
            baselines[i] = Math.Min(baselines[i], i == order.Count - 1 ? lowest : baselines[i + 1] - LabelSpacing);

        body.Append("""<g class="clinics">""");
        for (var i = 0; i < order.Count; i++)
        {
            var c = order[i].Clinic;
            var (x, y) = (area.X(c.N), area.Y(c.Value));
            var cls = c.Outside998 ? "clinic outside-998" : c.Outside95 ? "clinic outside-95" : "clinic";
            var tip = Text($"{c.Label}: n = {c.N}, {Figure(c.Value, 2)}{(c.ResponseRate is { } r ? $", response rate {Percent(r.Share)}" : "")}{(c.Outside998 ? ", outside the 99.8% limits" : c.Outside95 ? ", outside the 95% limits" : "")}");
            var name = LegendFlow.Fit(c.Label, NamesWidth - 8, LabelSize);
            body.Append($"""<line class="leader" x1="{N(x + 6)}" y1="{N(y)}" x2="{N(namesLeft - 3)}" y2="{N(baselines[i] - 4)}" />""");
            body.Append(c.Outside95
                ? $"""<path class="{cls}" data-n="{c.N}" data-value="{N(c.Value)}" d="M{N(x)} {N(y - 7)}L{N(x + 7)} {N(y + 6)}L{N(x - 7)} {N(y + 6)}Z"><title>{tip}</title></path>"""
                : $"""<circle class="{cls}" data-n="{c.N}" data-value="{N(c.Value)}" cx="{N(x)}" cy="{N(y)}" r="5"><title>{tip}</title></circle>""");
            body.Append($"""<text class="clinic-label" x="{N(namesLeft)}" y="{N(baselines[i])}">{(name == c.Label ? "" : $"<title>{Text(c.Label)}</title>")}{Text(name)}</text>""");
        }
        body.Append("</g>");

        var legendTop = Math.Max(area.Bottom + 58, baselines.DefaultIfEmpty(0).Max() + 16);
        var legend = new LegendFlow(area.Left, Width - 8, legendTop)
            .Add((x, y) => $"""<line class="pooled-mean" x1="{N(x)}" y1="{N(y + 8)}" x2="{N(x + 16)}" y2="{N(y + 8)}" />""", $"Pooled mean {Figure(funnel.PooledMean, 2)}")
            .Add((x, y) => $"""<line class="limit limit-95" x1="{N(x)}" y1="{N(y + 8)}" x2="{N(x + 16)}" y2="{N(y + 8)}" />""", "95% limits")
            .Add((x, y) => $"""<line class="limit limit-998" x1="{N(x)}" y1="{N(y + 8)}" x2="{N(x + 16)}" y2="{N(y + 8)}" />""", "99.8% limits")
            .Add((x, y) => $"""<circle class="clinic" cx="{N(x + 8)}" cy="{N(y + 8)}" r="5" />""", "Clinic within the limits")
            .Add((x, y) => $"""<path class="clinic outside-95" d="M{N(x + 8)} {N(y + 1)}L{N(x + 15)} {N(y + 14)}L{N(x + 1)} {N(y + 14)}Z" />""", "Outside 95%")
            .Add((x, y) => $"""<path class="clinic outside-998" d="M{N(x + 8)} {N(y + 1)}L{N(x + 15)} {N(y + 14)}L{N(x + 1)} {N(y + 14)}Z" />""", "Outside 99.8%")
            .Add((x, y) => $"""<path class="direction" d="M{N(x + 8)} {N(y + 1)}V{N(y + 14)}M{N(x + 3)} {N(y + 9)}L{N(x + 8)} {N(y + 15)}L{N(x + 13)} {N(y + 9)}" />""", "Lower is better: a larger fall in pain");
        var height = (int)Math.Ceiling(legend.Bottom + 6);
        return new StringBuilder(Open(id, Width, height, title, description)).Append(body).Append(legend.Render()).Append("</svg>").ToString();
    }
}
