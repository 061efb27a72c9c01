using System.Globalization;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;

namespace Outcomes.Functions;

/// <summary>
/// Checks the fields of a bound request against the domain's rules and collects a rejection, with the field's JSON path,
/// for every one that is wrong, so a client learns about all its mistakes at once. Each check returns the domain value,
/// or null for a field that is missing or wrong.
/// </summary>
internal sealed class FieldChecks
{
    private readonly List<Rejection> _problems = [];

    public IReadOnlyList<Rejection> Problems => _problems;
    public bool HasProblems => _problems.Count > 0;
    public void Add(Rejection why) => _problems.Add(why);

    /// <summary>Adds <paramref name="why"/> as the rejection of the field at <paramref name="path"/>, when a rule gave one.</summary>
    public bool Refuse(string path, string? why)
    {
        if (why is not null) Add(Rejection.Invalid(path, why));
        return why is not null;
    }

    public static string PathOf(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public T? Present<T>(T? value, string path, bool required) where T : class
    {
        if (value is null && required) Add(Rejection.Missing(path));
        return value;
    }

    public T? Present<T>(T? value, string path, bool required) where T : struct
    {
        if (value is null && required) Add(Rejection.Missing(path));
        return value;
    }

    public int? Integer(int? value, string path, bool required, int min, int max, string what)
    {
        if (Present(value, path, required) is not { } number) return null;
        return Refuse(path, number < min || number > max ? $"{what} is a whole number from {min} to {max}; got {number}." : null) ? null : number;
    }

    /// <summary>A number from <paramref name="min"/> (or above it, when <paramref name="minIncluded"/> is false) to <paramref name="max"/>.</summary>
    public decimal? Number(decimal? value, string path, bool required, decimal min, bool minIncluded, decimal max, string what)
    {
        if (Present(value, path, required) is not { } number) return null;
        if ((minIncluded ? number >= min : number > min) && number <= max) return number;
        var range = minIncluded ? $"from {Format(min)} to {Format(max)}" : $"more than {Format(min)} and at most {Format(max)}";
        Refuse(path, $"{what} must be {range}; got {Rejection.Excerpt(Format(number))}.");
        return null;
    }

    public T? Code<T>(string? value, string path, bool required, WireCodes<T> codes) where T : struct, Enum
    {
        if (Present(value, path, required) is not { } code) return null;
        if (codes.TryParse(code, out var parsed)) return parsed;
        Add(codes.Unknown(path, code));
        return null;
    }

    /// <summary>A list of distinct items, each read by <paramref name="read"/> (null and a reason when it is not one); each bad or repeated item is reported at its index.</summary>
    public IReadOnlyList<T>? Distinct<T>(IReadOnlyList<string?>? values, string path, bool required, int maxItems, string what,
        Func<string?, (T? Item, string? Why)> read, Func<T, string> shown) where T : struct
    {
        if (Present(values, path, required) is not { } items) return null;
        if (Refuse(path, items.Count > maxItems ? $"At most {maxItems} {what}; got {items.Count}." : null)) return null;
        var before = _problems.Count;
        var list = new List<T>();
        for (var index = 0; index < items.Count; index++)
        {
            var itemPath = $"{path}[{index}]";
            var (item, why) = read(items[index]);
            if (item is not { } value) Refuse(itemPath, why);
            else if (list.Contains(value)) Refuse(itemPath, $"'{shown(value)}' is listed twice.");
            else list.Add(value);
        }
        return _problems.Count == before ? list : null;
    }

    public IReadOnlyList<T>? Codes<T>(IReadOnlyList<string?>? values, string path, bool required, WireCodes<T> codes, int maxItems) where T : struct, Enum =>
        Distinct<T>(values, path, required, maxItems, $"{codes.Describes} codes",
            code => codes.TryParse(code, out var value) ? (value, null)
                : (null, code is null ? $"Use one of the {codes.Describes} codes: {string.Join(", ", codes.Valid)}; got null." : codes.Unknown(path, code).Detail),
            codes.Code);

    /// <summary>Vertebral levels, in order from the head down.</summary>
    public IReadOnlyList<VertebralLevel>? Levels(IReadOnlyList<string?>? values, string path, bool required) =>
        Distinct<VertebralLevel>(values, path, required, ProcedureRegistration.MaxLevels, "vertebral levels",
            text => VertebralLevel.TryParse(text, out var level) ? (level, null)
                : (null, text is null ? "A vertebral level is a string like \"T12\"."
                    : $"'{Rejection.Excerpt(text)}' is not a vertebral level; use C1–C7, T1–T12, L1–L5 or S1."),
            level => level.ToString())?.Order().ToList();

    public PainScore? Pain(int? value, string path, bool required) =>
        Integer(value, path, required, PainScore.Min, PainScore.Max, "Pain") is { } score ? PainScore.From(score) : null;

    /// <summary>Pain medication classes in use: at least one, no repeats, and "none" alone.</summary>
    public IReadOnlyList<Medication>? Medications(IReadOnlyList<string?>? values, string path, bool required)
    {
        if (Codes(values, path, required, MedicationCodes.Wire, maxItems: 10) is not { } medications) return null;
        return Refuse(path, MedicationsInUse.WhyNot(medications)) ? null : medications;
    }

    private static string Format(decimal number) => number.ToString(CultureInfo.InvariantCulture);
}
