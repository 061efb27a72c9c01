using MathNet.Numerics.Distributions;

namespace Outcomes.Domain.Tests.Reports;

/// <summary>The textbook computations over the raw values, to check the histogram ones against.</summary>
internal static class Naive
{
    public const double Z = 1.959963984540054;

    public static double Mean(IReadOnlyList<int> values) => values.Sum(v => (double)v) / values.Count;

    /// <summary>Two-pass sample SD: √(Σ(x − x̄)² / (n − 1)).</summary>
    public static double StandardDeviation(IReadOnlyList<int> values)
    {
        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    public static (double Low, double High) MeanCi95(IReadOnlyList<int> values)
    {
        var t = StudentT.InvCDF(0, 1, values.Count - 1, 0.975);
        var halfWidth = t * StandardDeviation(values) / Math.Sqrt(values.Count);
        return (Mean(values) - halfWidth, Mean(values) + halfWidth);
    }

    /// <summary>Type 7 on the expanded, sorted sample: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).</summary>
    public static double Quantile(IReadOnlyList<int> values, double p)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Wilson score interval in its textbook form: (k + z²/2 ± z√(k(n − k)/n + z²/4)) / (n + z²).</summary>
    public static (double Low, double High) Wilson(int k, int n)
    {
        var root = Z * Math.Sqrt((double)k * (n - k) / n + Z * Z / 4);
        return ((k + Z * Z / 2 - root) / (n + Z * Z), (k + Z * Z / 2 + root) / (n + Z * Z));
    }
}
