using Outcomes.Domain.Reports.Funnel;

namespace Outcomes.Functions.Dashboard;

/// <summary>The domain's funnel plot as the dashboard shows it, each clinic under the label the caller gives it (only those <paramref name="shown"/>, when given).</summary>
internal static class FunnelViews
{
    public static FunnelView From(FunnelPlot plot, string timePoint, Func<string, string> labelOf, Func<string, bool>? shown = null) => new(
        timePoint, plot.IsCaseMixAdjusted, plot.PooledMean, plot.Sd, FunnelPlot.Z95, FunnelPlot.Z998,
        plot.Points.Where(p => shown?.Invoke(p.ClinicId) ?? true).Select(p => new FunnelClinicRow(labelOf(p.ClinicId), p.N, p.Value, p.Observed, p.Expected,
            p.ResponseRate is { Share: { } share, Ci95: { } ci } r ? new ShareFigure(r.Count, r.N, share, ci.Low, ci.High) : null,
            p.Outside95, p.Outside998)).ToList());
}
