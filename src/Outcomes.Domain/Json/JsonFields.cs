using System.Globalization;
using System.Text.Json;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Json;

/// <summary>
/// Reads fields out of a JSON body and collects a rejection, with the field's JSON path, for every one that is
/// wrong, so a client learns about all its mistakes at once. Readers return null for a missing or bad field.
/// </summary>
internal sealed class JsonFields
{
    private readonly List<Rejection> _problems = [];

    public IReadOnlyList<Rejection> Problems => _problems;
    public bool HasProblems => _problems.Count > 0;
    public void Add(Rejection why) => _problems.Add(why);

    public static string PathOf(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static Rejection NotAnObject(JsonElement json) =>
        new("not-an-object", "The body must be a JSON object.", $"Got a JSON {Kind(json)}.");

    public JsonElement? Property(JsonElement obj, string name, string parent, bool required)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (required) Add(Rejection.Missing(PathOf(parent, name)));
        return null;
    }

    public JsonElement? Object(JsonElement obj, string name, string parent, bool required) =>
        Typed(obj, name, parent, required, JsonValueKind.Object, "an object");

    public JsonElement? Array(JsonElement obj, string name, string parent, bool required, int maxItems, string what)
    {
        if (Typed(obj, name, parent, required, JsonValueKind.Array, $"a list of {what}") is not { } array) return null;
        if (array.GetArrayLength() <= maxItems) return array;
        Add(Rejection.Invalid(PathOf(parent, name), $"At most {maxItems} {what}; got {array.GetArrayLength()}."));
        return null;
    }

    public string? String(JsonElement obj, string name, string parent, bool required) =>
        Typed(obj, name, parent, required, JsonValueKind.String, "a string")?.GetString();

    public int? Integer(JsonElement obj, string name, string parent, bool required, int min, int max, string what)
    {
        if (Property(obj, name, parent, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max) return number;
        Add(Rejection.Invalid(PathOf(parent, name), value.ValueKind == JsonValueKind.Number
            ? $"{what} is a whole number from {min} to {max}; got {value.GetRawText()}."
            : $"{what} is a whole number from {min} to {max}; got a JSON {Kind(value)}."));
        return null;
    }

    /// <summary>A number from <paramref name="min"/> (or above it, when <paramref name="minIncluded"/> is false) to <paramref name="max"/>.</summary>
    public decimal? Number(JsonElement obj, string name, string parent, bool required, decimal min, bool minIncluded, decimal max, string what)
    {
        if (Property(obj, name, parent, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            && (minIncluded ? number >= min : number > min) && number <= max)
            return number;
        var range = minIncluded ? $"from {Format(min)} to {Format(max)}" : $"more than {Format(min)} and at most {Format(max)}";
        Add(Rejection.Invalid(PathOf(parent, name), value.ValueKind == JsonValueKind.Number
            ? $"{what} must be {range}; got {Truncated(value.GetRawText())}."
            : $"{what} is a number {range}; got a JSON {Kind(value)}."));
        return null;
    }

    public T? Code<T>(JsonElement obj, string name, string parent, bool required, WireCodes<T> codes) where T : struct, Enum =>
        Property(obj, name, parent, required) is { } value ? CodeAt(value, PathOf(parent, name), codes) : null;

    public T? CodeAt<T>(JsonElement value, string path, WireCodes<T> codes) where T : struct, Enum
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(Rejection.Invalid(path, $"Use one of the {codes.Describes} codes: {string.Join(", ", codes.Valid)}; got a JSON {Kind(value)}."));
            return null;
        }
        if (codes.TryParse(value.GetString(), out var parsed)) return parsed;
        Add(codes.Unknown(path, value.GetString()));
        return null;
    }

    /// <summary>A list of distinct codes; each bad or repeated item is reported at its index.</summary>
    public IReadOnlyList<T>? Codes<T>(JsonElement obj, string name, string parent, bool required, WireCodes<T> codes, int maxItems) where T : struct, Enum
    {
        var path = PathOf(parent, name);
        if (Array(obj, name, parent, required, maxItems, $"{codes.Describes} codes") is not { } array) return null;
        var before = _problems.Count;
        var read = new List<T>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (CodeAt(item, itemPath, codes) is not { } code) continue;
            if (read.Contains(code)) Add(Rejection.Invalid(itemPath, $"'{codes.Code(code)}' is listed twice."));
            else read.Add(code);
        }
        return _problems.Count == before ? read : null;
    }

    public DateOnly? Date(JsonElement obj, string name, string parent, bool required)
    {
        var path = PathOf(parent, name);
        if (Property(obj, name, parent, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Add(Rejection.Invalid(path, $"A date is written yyyy-MM-dd, like \"2026-03-01\"; got {Shown(value)}."));
        return null;
    }

    public PainScore? Pain(JsonElement obj, string name, string parent, bool required) =>
        Integer(obj, name, parent, required, PainScore.Min, PainScore.Max, "Pain") is { } score ? PainScore.From(score) : null;

    /// <summary>Pain medication classes in use: at least one, no repeats, and "none" alone.</summary>
    public IReadOnlyList<Medication>? Medications(JsonElement obj, string name, string parent, bool required)
    {
        var path = PathOf(parent, name);
        if (Codes(obj, name, parent, required, MedicationCodes.Wire, maxItems: 10) is not { } medications) return null;
        if (medications.Count == 0)
            Add(Rejection.Invalid(path, "List the pain medication in use, or [\"none\"]."));
        else if (medications.Contains(Medication.None) && medications.Count > 1)
            Add(Rejection.Invalid(path, "'none' cannot be listed together with a medication."));
        else
            return medications;
        return null;
    }

    private JsonElement? Typed(JsonElement obj, string name, string parent, bool required, JsonValueKind kind, string expected)
    {
        if (Property(obj, name, parent, required) is not { } value) return null;
        if (value.ValueKind == kind) return value;
        Add(Rejection.Invalid(PathOf(parent, name), $"Must be {expected}; got a JSON {Kind(value)}."));
        return null;
    }

    private static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? $"\"{Truncated(value.GetString()!)}\"" : $"a JSON {Kind(value)}";

    /// <summary>Echoes at most a little of what the client sent, so a rejection never carries a whole body back.</summary>
    public static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Format(decimal number) => number.ToString(CultureInfo.InvariantCulture);
}
