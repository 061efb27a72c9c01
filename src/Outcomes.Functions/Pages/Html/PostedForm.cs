using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// A posted HTML form's fields, each value trimmed and the empty ones left out, and the rejections found while reading
/// them. A field read as one value that came more than once is a rejection at that field, said in the page's own words
/// (<paramref name="sentTwice"/>), not a guess between the two.
/// </summary>
internal sealed class PostedForm(IEnumerable<KeyValuePair<string, string>> fields, string sentTwice)
{
    private readonly Dictionary<string, List<string>> posted = fields.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(
        g => g.Key, g => g.Select(f => f.Value.Trim()).Where(v => v.Length > 0).ToList(), StringComparer.Ordinal);

    public List<Rejection> Problems { get; } = [];

    /// <summary>The field's one value; null when it was left empty or came more than once (then a rejection says so).</summary>
    public string? One(string name)
    {
        var values = All(name);
        if (values.Count > 1) Problems.Add(Rejection.Invalid(name, sentTwice));
        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>Every value of a field that takes several (checkboxes), in the order sent.</summary>
    public IReadOnlyList<string> All(string name) => posted.TryGetValue(name, out var given) ? given : [];

    /// <summary>The field's one value parsed; a value that does not parse (or holds control characters) is a rejection saying <paramref name="what"/>.</summary>
    public T? Parsed<T>(string name, string what, Func<string, T?> parse) where T : struct
    {
        if (One(name) is not { } text) return null;
        if (!text.Any(char.IsControl) && parse(text) is { } value) return value;
        Problems.Add(Rejection.Invalid(name, $"{what}; got \"{Rejection.Excerpt(text)}\"."));
        return null;
    }
}
