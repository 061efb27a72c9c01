using System.Collections.Immutable;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports.Statistics;

/// <summary>
/// How many times each integer from <see cref="Min"/> to <see cref="Max"/> was observed: pain on the 0–10 scale, or its
/// change from baseline (−10..+10). Immutable: <see cref="Add"/> and <see cref="Plus"/> return a new histogram, so an
/// aggregate row read from storage can be summed into a report without copying values out. Its range is fixed at
/// construction and two histograms only add up when their ranges are the same.
/// </summary>
public sealed class IntegerHistogram : IEquatable<IntegerHistogram>
{
    private readonly ImmutableArray<int> counts;

    /// <summary>An empty histogram of the values <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public IntegerHistogram(int min, int max)
        : this(min, CheckedRange(min, max))
    {
    }

    private IntegerHistogram(int min, ImmutableArray<int> counts)
    {
        Min = min;
        this.counts = counts;
        N = counts.Aggregate(0, (total, count) => checked(total + count));
    }

    /// <summary>An empty histogram of pain on the 0–10 numeric rating scale.</summary>
    public static IntegerHistogram Pain() => new(PainScore.Min, PainScore.Max);

    /// <summary>An empty histogram of the change in pain from baseline, −10..+10 (follow-up minus baseline).</summary>
    public static IntegerHistogram PainChange() => new(PainScore.Min - PainScore.Max, PainScore.Max - PainScore.Min);

    /// <summary>
    /// The histogram whose bins, from <paramref name="min"/> upwards, hold <paramref name="counts"/>, as stored by
    /// <see cref="Counts"/>. Its maximum is <c>min + counts.Length − 1</c>.
    /// </summary>
    public static IntegerHistogram FromCounts(int min, ReadOnlySpan<int> counts)
    {
        if (counts.IsEmpty)
            throw new ArgumentException("A histogram has at least one bin.", nameof(counts));
        _ = checked(min + (counts.Length - 1));
        foreach (var count in counts)
            if (count < 0)
                throw new ArgumentOutOfRangeException(nameof(counts), count, "A bin cannot hold a negative count.");
        return new IntegerHistogram(min, [.. counts]);
    }

    /// <summary>The histogram of <paramref name="values"/>, each of which lies in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static IntegerHistogram Of(int min, int max, IEnumerable<int> values)
    {
        var bins = new int[CheckedRange(min, max).Length];
        foreach (var value in values)
        {
            CheckInRange(value, min, max);
            bins[value - min] = checked(bins[value - min] + 1);
        }
        return new IntegerHistogram(min, [.. bins]);
    }

    public int Min { get; }

    public int Max => Min + counts.Length - 1;

    /// <summary>The number of observations.</summary>
    public int N { get; }

    /// <summary>The count of each value from <see cref="Min"/> to <see cref="Max"/>, in that order: what storage keeps.</summary>
    public ImmutableArray<int> Counts => counts;

    /// <summary>How many times <paramref name="value"/> was observed.</summary>
    public int CountOf(int value)
    {
        CheckInRange(value, Min, Max);
        return counts[value - Min];
    }

    /// <summary>This histogram with <paramref name="value"/> observed <paramref name="count"/> more times.</summary>
    public IntegerHistogram Add(int value, int count = 1)
    {
        CheckInRange(value, Min, Max);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var bins = counts.ToBuilder();
        bins[value - Min] = checked(bins[value - Min] + count);
        return new IntegerHistogram(Min, bins.MoveToImmutable());
    }

    /// <summary>The histogram of both samples together; both must cover the same range.</summary>
    public IntegerHistogram Plus(IntegerHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Min != Min || other.Max != Max)
            throw new ArgumentException($"Histograms of {Min}..{Max} and {other.Min}..{other.Max} cannot be added.", nameof(other));
        var bins = counts.ToBuilder();
        for (var i = 0; i < bins.Count; i++)
            bins[i] = checked(bins[i] + other.counts[i]);
        return new IntegerHistogram(Min, bins.MoveToImmutable());
    }

    /// <summary>
    /// The value at 0-based position <paramref name="rank"/> of the sample sorted ascending, found from cumulative
    /// counts without expanding the sample.
    /// </summary>
    public int OrderStatistic(long rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, N);
        long below = 0;
        for (var i = 0; ; i++)
        {
            below += counts[i];
            if (rank < below)
                return Min + i;
        }
    }

    public bool Equals(IntegerHistogram? other) =>
        other is not null && other.Min == Min && other.counts.AsSpan().SequenceEqual(counts.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as IntegerHistogram);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Min);
        foreach (var count in counts)
            hash.Add(count);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Min}..{Max}: [{string.Join(", ", counts)}]";

    private static ImmutableArray<int> CheckedRange(int min, int max)
    {
        if (max < min)
            throw new ArgumentException($"A histogram's maximum ({max}) cannot be below its minimum ({min}).", nameof(max));
        return ImmutableArray.Create(new int[checked(max - min + 1)]);
    }

    private static void CheckInRange(int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The histogram counts values {min}..{max}.");
    }
}
