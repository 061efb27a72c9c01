using System.Globalization;
using System.Text.RegularExpressions;

namespace Outcomes.Functions.Patients;

/// <summary>One language's texts; a key the language lacks is read from English.</summary>
public sealed partial class LanguageTexts
{
    public const string DateFormatKey = "date.format";

    private readonly IReadOnlyDictionary<string, string> _own;
    private readonly IReadOnlyDictionary<string, string> _english;

    internal LanguageTexts(string tag, IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> english, IReadOnlyList<string> smsStopWords)
    {
        Tag = tag;
        _own = own;
        _english = english;
        SmsStopWords = smsStopWords;
        Culture = CultureFor(tag);
    }

    /// <summary>The language actually used, for <c>&lt;html lang&gt;</c>.</summary>
    public string Tag { get; }

    /// <summary>The culture dates are written in (month names); invariant when the platform does not know the tag.</summary>
    public CultureInfo Culture { get; }

    public IReadOnlyList<string> SmsStopWords { get; }

    /// <summary>The keys this language's own file holds, without the English fallbacks.</summary>
    internal IEnumerable<string> OwnKeys => _own.Keys;

    public string this[string key] => TryGet(key, out var text)
        ? text
        : throw new KeyNotFoundException($"No patient text '{key}' in '{Tag}' or English.");

    public bool TryGet(string key, out string text) =>
        _own.TryGetValue(key, out text!) || _english.TryGetValue(key, out text!);

    /// <summary>The text with each <c>{Name}</c> replaced by its value; placeholders without a value stay as they are.</summary>
    public string Format(string key, params (string Name, string Value)[] values) =>
        Placeholder().Replace(this[key], m => values.FirstOrDefault(v => v.Name == m.Groups[1].Value) is { Name: not null } v ? v.Value : m.Value);

    /// <summary>A day written the language's way ("November 27, 2026", "27 de noviembre de 2026", "2026年11月27日").</summary>
    public string Date(DateOnly day) => day.ToString(this[DateFormatKey], Culture);

    /// <summary>The text split into literal runs and placeholder names, in order.</summary>
    internal static IEnumerable<(string? Placeholder, string Literal)> Parts(string text)
    {
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            if (m.Index > at) yield return (null, text[at..m.Index]);
            yield return (m.Groups[1].Value, "");
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return (null, text[at..]);
    }

    internal static IReadOnlySet<string> PlaceholdersIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    private static CultureInfo CultureFor(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
