namespace Outcomes.Domain.Reports.Statistics;

/// <summary>
/// <see cref="Count"/> of <see cref="N"/>: e.g. patients improved by at least 2 points, or using an opioid. The share
/// and its 95% Wilson score interval, which stays inside 0..1 and is sound for small n and for 0 or n of n; with n = 0
/// both are null.
/// </summary>
public sealed record Proportion
{
    /// <summary>The standard normal 0.975 quantile: a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    private Proportion(int count, int n, double? share, ConfidenceInterval? ci95) =>
        (Count, N, Share, Ci95) = (count, n, share, ci95);

    public int Count { get; }
    public int N { get; }
    public double? Share { get; }
    public ConfidenceInterval? Ci95 { get; }

    public static Proportion Of(int count, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, n);
        if (n == 0)
            return new Proportion(0, 0, null, null);

        double share = (double)count / n, z2 = Z95 * Z95;
        var denominator = 1 + z2 / n;
        var centre = (share + z2 / (2.0 * n)) / denominator;
        var halfWidth = Z95 / denominator * Math.Sqrt(share * (1 - share) / n + z2 / (4.0 * n * n));
        var low = count == 0 ? 0 : Math.Max(0, centre - halfWidth);
        var high = count == n ? 1 : Math.Min(1, centre + halfWidth);
        return new Proportion(count, n, share, new ConfidenceInterval(low, high));
    }
}
