using MathNet.Numerics.Distributions;

namespace Outcomes.Domain.Reports.Statistics;

/// <summary>
/// The descriptive statistics of a sample of integers, computed exactly from its histogram: a pain score's n, mean, SD,
/// 95% CI, median and quartiles, or, from the change-from-baseline histogram, the mean change and its 95% CI.
/// </summary>
/// <remarks>
/// <para>Nothing is ever NaN: with no observations every statistic but <see cref="N"/> is null; with one, the standard
/// deviation and the interval are null.</para>
/// <para><see cref="StandardDeviation"/> is the sample SD (divisor n − 1), from integer sums:
/// s² = (n·Σx² − (Σx)²) / (n(n − 1)), so an all-equal sample has exactly 0.</para>
/// <para><see cref="MeanCi95"/> is mean ± t(0.975, n − 1)·s/√n with Student's t quantile.</para>
/// <para>Quantiles are Hyndman and Fan's type 7, the default of R's <c>quantile()</c> and of NumPy, and Excel's
/// QUARTILE.INC / PERCENTILE.INC: with the sample sorted ascending as x₀ … xₙ₋₁ and h = (n − 1)·p, the p-quantile is
/// x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). The median is the usual one (the middle value, or the mean of the two middle
/// values); the quartiles are p = 0.25 and 0.75. The order statistics are read from cumulative counts.</para>
/// </remarks>
public sealed record Summary
{
    private Summary(int n, double? mean, double? standardDeviation, ConfidenceInterval? meanCi95,
        double? median, double? firstQuartile, double? thirdQuartile)
    {
        N = n;
        Mean = mean;
        StandardDeviation = standardDeviation;
        MeanCi95 = meanCi95;
        Median = median;
        FirstQuartile = firstQuartile;
        ThirdQuartile = thirdQuartile;
    }

    public int N { get; }
    public double? Mean { get; }
    public double? StandardDeviation { get; }
    public ConfidenceInterval? MeanCi95 { get; }
    public double? Median { get; }
    public double? FirstQuartile { get; }
    public double? ThirdQuartile { get; }

    public static Summary Of(IntegerHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var n = histogram.N;
        if (n == 0)
            return new Summary(0, null, null, null, null, null, null);

        long sum = 0;
        Int128 sumOfSquares = 0;
        for (var i = 0; i < histogram.Counts.Length; i++)
        {
            long value = histogram.Min + i, count = histogram.Counts[i];
            sum += value * count;
            sumOfSquares += (Int128)(value * value) * count;
        }
        var mean = (double)sum / n;
        var median = Quantile(histogram, 0.5);
        var (q1, q3) = (Quantile(histogram, 0.25), Quantile(histogram, 0.75));
        if (n == 1)
            return new Summary(n, mean, null, null, median, q1, q3);

        var squaredDeviations = n * sumOfSquares - (Int128)sum * sum;
        var sd = Math.Sqrt((double)squaredDeviations / ((double)n * (n - 1)));
        var halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new Summary(n, mean, sd, new ConfidenceInterval(mean - halfWidth, mean + halfWidth), median, q1, q3);
    }

    /// <summary>
    /// The type 7 <paramref name="probability"/>-quantile of the sample (see the remarks on <see cref="Summary"/>), or null
    /// for an empty one. Exact for p = ¼, ½, ¾.
    /// </summary>
    public static double? Quantile(IntegerHistogram histogram, double probability)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (probability is not (>= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A quantile's probability lies in 0..1.");
        if (histogram.N == 0)
            return null;

        var h = (histogram.N - 1) * probability;
        var below = (long)Math.Floor(h);
        var fraction = h - below;
        var lower = histogram.OrderStatistic(below);
        if (fraction == 0)
            return lower;
        var upper = histogram.OrderStatistic(below + 1);
        return lower + fraction * (upper - lower);
    }
}
