using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Reports.Funnel;

/// <summary>
/// Case-mix adjustment of clinics' mean change in pain from baseline by indirect standardisation.
/// </summary>
/// <remarks>
/// <para>Strata are procedure type × etiology × baseline pain band (<see cref="CaseMixStratum"/>). For each stratum s the
/// pooled mean change m_s is taken over all clinics' answers. A clinic with n_s answers in stratum s has the
/// <b>expected</b> change E = Σ n_s·m_s / Σ n_s: what the pooled cohort achieved with patients like its own.</para>
/// <para>Its <b>adjusted</b> change is additive: pooled overall mean + (O − E), where O is its observed mean change. A ratio
/// O/E, usual for rates, means nothing for a change that can be zero or of either sign; the difference keeps the
/// adjusted figure in points on the pain scale, comparable with the pooled mean the funnel is centred on, and a clinic
/// that did exactly what its case mix predicts lands on the pooled mean.</para>
/// <para>Spread: <see cref="PooledSd"/> is the sample SD of all answers' changes (what an unadjusted funnel uses);
/// <see cref="ResidualSd"/> is the pooled within-stratum SD, √(Σ_s Σ_i (x_i − m_s)² / (N − S)) over the S strata with
/// answers, the patient-level spread left after the case mix is accounted for, which is what the adjusted funnel's
/// limits use. Both are computed exactly from the histograms' integer sums.</para>
/// </remarks>
public sealed record CaseMixAdjustment
{
    private CaseMixAdjustment(int n, double? pooledMean, double? pooledSd, double? residualSd,
        IReadOnlyDictionary<CaseMixStratum, double> strata, IReadOnlyList<AdjustedClinic> clinics) =>
        (N, PooledMean, PooledSd, ResidualSd, StratumMeans, Clinics) = (n, pooledMean, pooledSd, residualSd, strata, clinics);

    /// <summary>Answers with a change from baseline, over all clinics.</summary>
    public int N { get; }

    /// <summary>Mean change over all clinics' answers; null without answers.</summary>
    public double? PooledMean { get; }

    /// <summary>Sample SD (divisor N − 1) of all answers' changes; null with fewer than 2.</summary>
    public double? PooledSd { get; }

    /// <summary>Pooled within-stratum SD (divisor N − S); null when N ≤ S.</summary>
    public double? ResidualSd { get; }

    /// <summary>The pooled mean change per stratum with answers.</summary>
    public IReadOnlyDictionary<CaseMixStratum, double> StratumMeans { get; }

    /// <summary>Every clinic, in the order given; those without answers have null figures.</summary>
    public IReadOnlyList<AdjustedClinic> Clinics { get; }

    public static CaseMixAdjustment Of(IEnumerable<ClinicCaseMix> clinics)
    {
        var list = clinics.ToList();
        var sums = new Dictionary<CaseMixStratum, (long N, long Sum, long SumOfSquares)>();
        foreach (var clinic in list)
            foreach (var (stratum, histogram) in clinic.Changes)
            {
                var (n, sum, squares) = Sums(histogram);
                var before = sums.GetValueOrDefault(stratum);
                sums[stratum] = (before.N + n, before.Sum + sum, before.SumOfSquares + squares);
            }

        var total = (N: sums.Values.Sum(s => s.N), Sum: sums.Values.Sum(s => s.Sum), Squares: sums.Values.Sum(s => s.SumOfSquares));
        var means = sums.ToDictionary(s => s.Key, s => (double)s.Value.Sum / s.Value.N);
        double? pooledMean = total.N > 0 ? (double)total.Sum / total.N : null;
        double? pooledSd = total.N > 1 ? Math.Sqrt(SquaredDeviations(total.N, total.Sum, total.Squares) / (total.N - 1)) : null;
        var withinStrata = sums.Values.Sum(s => SquaredDeviations(s.N, s.Sum, s.SumOfSquares));
        double? residualSd = total.N > sums.Count ? Math.Sqrt(withinStrata / (total.N - sums.Count)) : null;

        var adjusted = list.Select(clinic => Adjust(clinic, means, pooledMean)).ToList();
        return new CaseMixAdjustment(checked((int)total.N), pooledMean, pooledSd, residualSd, means, adjusted);
    }

    private static AdjustedClinic Adjust(ClinicCaseMix clinic, Dictionary<CaseMixStratum, double> means, double? pooledMean)
    {
        long n = 0, sum = 0;
        double expectedSum = 0;
        foreach (var (stratum, histogram) in clinic.Changes)
        {
            var (sn, ssum, _) = Sums(histogram);
            n += sn;
            sum += ssum;
            expectedSum += sn * means[stratum];
        }
        if (n == 0 || pooledMean is not { } pooled)
            return new AdjustedClinic(clinic.ClinicId, 0, null, null, null, clinic.ResponseRate);
        double observed = (double)sum / n, expected = expectedSum / n;
        return new AdjustedClinic(clinic.ClinicId, checked((int)n), observed, expected, pooled + (observed - expected), clinic.ResponseRate);
    }

    /// <summary>Σ(x − x̄)² = (Σx² − (Σx)²/n), from integer sums: n·Σx² − (Σx)² is exact, then one division.</summary>
    private static double SquaredDeviations(long n, long sum, long squares) =>
        n == 0 ? 0 : (double)((Int128)n * squares - (Int128)sum * sum) / n;

    private static (long N, long Sum, long SumOfSquares) Sums(IntegerHistogram histogram)
    {
        long sum = 0, squares = 0;
        for (var i = 0; i < histogram.Counts.Length; i++)
        {
            long value = histogram.Min + i, count = histogram.Counts[i];
            sum += value * count;
            squares += value * value * count;
        }
        return (histogram.N, sum, squares);
    }
}

/// <summary>
/// One clinic after case-mix adjustment: its answers, observed mean change, expected change from the pooled cohort's
/// stratum means, adjusted change (pooled mean + O − E), and response rate. Figures are null without answers.
/// </summary>
public sealed record AdjustedClinic(string ClinicId, int N, double? Observed, double? Expected, double? Adjusted, Proportion ResponseRate);
