using System.Globalization;

namespace Outcomes.Domain.Procedures;

public enum SpinalRegion { Cervical, Thoracic, Lumbar, Sacral }

/// <summary>A vertebra from C1 to S1, ordered head to tail; written "T12".</summary>
public readonly record struct VertebralLevel : IComparable<VertebralLevel>
{
    private static readonly (SpinalRegion Region, char Letter, int Count)[] Regions =
        [(SpinalRegion.Cervical, 'C', 7), (SpinalRegion.Thoracic, 'T', 12), (SpinalRegion.Lumbar, 'L', 5), (SpinalRegion.Sacral, 'S', 1)];

    private static readonly string[] Names =
        Regions.SelectMany(r => Enumerable.Range(1, r.Count).Select(n => $"{r.Letter}{n.ToString(CultureInfo.InvariantCulture)}")).ToArray();

    /// <summary>Every level, C1 first and S1 last.</summary>
    public static readonly IReadOnlyList<VertebralLevel> All = Enumerable.Range(0, Names.Length).Select(i => new VertebralLevel(i)).ToArray();

    private VertebralLevel(int ordinal) => Ordinal = ordinal;

    /// <summary>Position from the head: C1 is 0, S1 is 24.</summary>
    public int Ordinal { get; }

    public SpinalRegion Region
    {
        get
        {
            var letter = Names[Ordinal][0];
            return Regions.First(r => r.Letter == letter).Region;
        }
    }

    public int Number => int.Parse(Names[Ordinal].AsSpan(1), CultureInfo.InvariantCulture);

    /// <summary>Parses "T12", "t12" or " L1 "; anything outside C1–C7, T1–T12, L1–L5, S1 is not a level.</summary>
    public static bool TryParse(string? text, out VertebralLevel level)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        level = index < 0 ? default : new VertebralLevel(index);
        return index >= 0;
    }

    public int CompareTo(VertebralLevel other) => Ordinal.CompareTo(other.Ordinal);

    public static bool operator <(VertebralLevel a, VertebralLevel b) => a.CompareTo(b) < 0;
    public static bool operator >(VertebralLevel a, VertebralLevel b) => a.CompareTo(b) > 0;
    public static bool operator <=(VertebralLevel a, VertebralLevel b) => a.CompareTo(b) <= 0;
    public static bool operator >=(VertebralLevel a, VertebralLevel b) => a.CompareTo(b) >= 0;

    public override string ToString() => Names[Ordinal];
}
