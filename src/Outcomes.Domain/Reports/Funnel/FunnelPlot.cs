using MathNet.Numerics.Distributions;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Reports.Funnel;

/// <summary>Where a clinic's point lies against one pair of control limits.</summary>
public enum FunnelPosition { Within, Below, Above }

/// <summary>The control limits at one number of patients n.</summary>
public readonly record struct FunnelLimits(int N, ConfidenceInterval Limits95, ConfidenceInterval Limits998);

/// <summary>One clinic on the funnel plot: its n, its value (mean change, adjusted or not) and where it lies against each limit.</summary>
public sealed record FunnelPoint(string ClinicId, int N, double Value, double? Observed, double? Expected, Proportion ResponseRate,
    FunnelPosition Against95, FunnelPosition Against998)
{
    public bool Outside95 => Against95 != FunnelPosition.Within;
    public bool Outside998 => Against998 != FunnelPosition.Within;
}

/// <summary>
/// A funnel plot of clinics' mean change in pain from baseline against their number of patients (Spiegelhalter 2005):
/// around the pooled mean, control limits pooled mean ± z·SD/√n with z for 95% (1.96) and 99.8% (3.09) two-sided,
/// narrowing as n grows, so that a small clinic is not flagged for noise and a large one is for a real difference.
/// A point exactly on a limit counts as within.
/// </summary>
public sealed record FunnelPlot
{
    /// <summary>Two-sided 95%: the standard normal 0.975 quantile, 1.960.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Two-sided 99.8%: the standard normal 0.999 quantile, 3.090.</summary>
    public static readonly double Z998 = Normal.InvCDF(0, 1, 0.999);

    private FunnelPlot(bool adjusted, double centre, double sd, IReadOnlyList<FunnelPoint> points) =>
        (IsCaseMixAdjusted, PooledMean, Sd, Points) = (adjusted, centre, sd, points);

    public bool IsCaseMixAdjusted { get; }

    /// <summary>The centre line.</summary>
    public double PooledMean { get; }

    /// <summary>The patient-level SD the limits are drawn with.</summary>
    public double Sd { get; }

    /// <summary>Clinics with at least one answer, in the order given.</summary>
    public IReadOnlyList<FunnelPoint> Points { get; }

    /// <summary>
    /// The funnel of the clinics' case-mix-adjusted changes (pooled mean + O − E), with limits from the residual
    /// (within-stratum) SD; null when there are too few answers for an SD.
    /// </summary>
    public static FunnelPlot? Adjusted(CaseMixAdjustment adjustment) =>
        adjustment is { PooledMean: { } mean, ResidualSd: { } sd }
            ? Of(true, mean, sd, adjustment.Clinics.Where(c => c.N > 0).Select(c => (c, c.Adjusted!.Value)))
            : null;

    /// <summary>The funnel of the clinics' observed (crude) mean changes, with limits from the pooled SD of all answers.</summary>
    public static FunnelPlot? Unadjusted(CaseMixAdjustment adjustment) =>
        adjustment is { PooledMean: { } mean, PooledSd: { } sd }
            ? Of(false, mean, sd, adjustment.Clinics.Where(c => c.N > 0).Select(c => (c, c.Observed!.Value)))
            : null;

    private static FunnelPlot Of(bool adjusted, double centre, double sd, IEnumerable<(AdjustedClinic Clinic, double Value)> clinics)
    {
        var points = clinics.Select(x =>
        {
            var limits = LimitsAt(centre, sd, x.Clinic.N);
            return new FunnelPoint(x.Clinic.ClinicId, x.Clinic.N, x.Value, x.Clinic.Observed, x.Clinic.Expected, x.Clinic.ResponseRate,
                Position(x.Value, limits.Limits95), Position(x.Value, limits.Limits998));
        }).ToList();
        return new FunnelPlot(adjusted, centre, sd, points);
    }

    /// <summary>The 95% and 99.8% control limits for a clinic of <paramref name="n"/> patients.</summary>
    public FunnelLimits LimitsAt(int n) => LimitsAt(PooledMean, Sd, n);

    public static FunnelLimits LimitsAt(double centre, double sd, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(sd);
        var se = sd / Math.Sqrt(n);
        return new FunnelLimits(n, new ConfidenceInterval(centre - Z95 * se, centre + Z95 * se),
            new ConfidenceInterval(centre - Z998 * se, centre + Z998 * se));
    }

    private static FunnelPosition Position(double value, ConfidenceInterval limits) =>
        value < limits.Low ? FunnelPosition.Below : value > limits.High ? FunnelPosition.Above : FunnelPosition.Within;
}
