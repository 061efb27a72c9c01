namespace Outcomes.Domain;

/// <summary>
/// The stable snake_case codes an enum is written as on the wire. Codes are spelled out, not derived
/// from member names, so renaming a member never changes the API.
/// </summary>
public sealed class WireCodes<T> where T : struct, Enum
{
    private readonly Dictionary<T, string> _codeOf;
    private readonly Dictionary<string, T> _valueOf;

    public WireCodes(string describes, params (T Value, string Code)[] codes)
    {
        Describes = describes;
        _codeOf = codes.ToDictionary(c => c.Value, c => c.Code);
        _valueOf = codes.ToDictionary(c => c.Code, c => c.Value, StringComparer.OrdinalIgnoreCase);
        var uncovered = Enum.GetValues<T>().Where(v => !_codeOf.ContainsKey(v)).ToList();
        if (uncovered.Count > 0)
            throw new ArgumentException($"No wire code for {string.Join(", ", uncovered)}.", nameof(codes));
        Valid = codes.Select(c => c.Code).ToArray();
    }

    /// <summary>What the codes name, for messages: "procedure type".</summary>
    public string Describes { get; }

    /// <summary>Every valid code, in declaration order.</summary>
    public IReadOnlyList<string> Valid { get; }

    public string Code(T value) => _codeOf[value];

    /// <summary>Parses a code, ignoring case.</summary>
    public bool TryParse(string? code, out T value)
    {
        value = default;
        return code is not null && _valueOf.TryGetValue(code, out value);
    }

    /// <summary>Says what was wrong and what would have been right.</summary>
    public Rejection Unknown(string field, string? got) => Rejection.Invalid(field,
        $"'{Rejection.Excerpt(got ?? "")}' is not a valid {Describes}; use one of: {string.Join(", ", Valid)}.");
}
