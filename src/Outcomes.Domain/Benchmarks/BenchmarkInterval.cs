namespace Outcomes.Domain.Benchmarks;

/// <summary>A closed interval [<see cref="Low"/>, <see cref="High"/>]: a 95% confidence interval or a reported range.</summary>
public readonly record struct BenchmarkInterval
{
    public BenchmarkInterval(double low, double high)
    {
        if (double.IsNaN(low) || double.IsNaN(high) || low > high)
            throw new ArgumentException($"An interval runs from low to high; got [{low}, {high}].", nameof(high));
        (Low, High) = (low, high);
    }

    public double Low { get; }
    public double High { get; }

    public bool Contains(double value) => Low <= value && value <= High;

    /// <summary>True when the two intervals share at least one point (touching ends count).</summary>
    public bool Overlaps(BenchmarkInterval other) => Low <= other.High && other.Low <= High;
}
