namespace Outcomes.Domain.Scores;

/// <summary>Pain on the 0–10 numeric rating scale.</summary>
public readonly record struct PainScore
{
    public const int Min = 0, Max = 10;

    private PainScore(int value) => Value = value;

    public int Value { get; }

    public static PainScore From(int value) => value is >= Min and <= Max
        ? new(value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"Pain is scored {Min}–{Max}.");

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
