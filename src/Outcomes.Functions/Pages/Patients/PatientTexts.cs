using System.Globalization;
using System.Text.Json;

namespace Outcomes.Functions.Patients;

/// <summary>
/// The texts patients read, one JSON file per language named by its language tag (<c>en.json</c>, <c>zh-Hans.json</c>):
/// an object of strings, plus the <c>smsStopWords</c> list. Adding a language is adding a file; English is required,
/// because every text a language lacks is taken from English.
/// </summary>
public sealed class PatientTexts
{
    public const string English = "en";
    public const string SmsStopWordsKey = "smsStopWords";

    private readonly Dictionary<string, LanguageTexts> _byTag;
    private readonly LanguageTexts _english;

    private PatientTexts(Dictionary<string, LanguageTexts> byTag)
    {
        _byTag = byTag;
        _english = byTag[English];
        AllSmsStopWords = byTag.Values.SelectMany(t => t.SmsStopWords)
            .Select(w => w.Trim().ToUpperInvariant()).Where(w => w.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Languages => _byTag.Keys;

    /// <summary>Every language's SMS stop words, trimmed and upper-cased; compared ignoring case.</summary>
    public IReadOnlySet<string> AllSmsStopWords { get; }

    public static PatientTexts LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "Texts"));

    public static PatientTexts Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"The patient texts folder '{folder}' does not exist.");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var englishFile = files.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == English)
            ?? throw new InvalidOperationException($"'{Path.Combine(folder, English + ".json")}' is missing: English is required, as every other language falls back to it.");

        var (englishTexts, englishStopWords) = Read(englishFile);
        var byTag = new Dictionary<string, LanguageTexts>(StringComparer.Ordinal)
        {
            [English] = new(English, englishTexts, englishTexts, englishStopWords),
        };
        foreach (var file in files.Where(f => f != englishFile))
        {
            var (texts, stopWords) = Read(file);
            var tag = Path.GetFileNameWithoutExtension(file);
            byTag[tag] = new LanguageTexts(tag, texts, englishTexts, stopWords);
        }
        return new PatientTexts(byTag);
    }

    /// <summary>
    /// The texts for a patient's language: the exact tag, then ignoring case, then its parent languages
    /// ("es-MX" → "es", "zh-CN" → "zh-Hans"), then any language with the same primary subtag ("zh" → "zh-Hans"), else English.
    /// </summary>
    public LanguageTexts For(string? language)
    {
        var requested = language?.Trim();
        if (string.IsNullOrEmpty(requested) || requested.Length > 35) return _english;   // 35: longest sensible BCP 47 tag
        if (_byTag.TryGetValue(requested, out var exact)) return exact;
        if (Find(requested) is { } ignoringCase) return ignoringCase;
        foreach (var parent in ParentTags(requested))
            if (Find(parent) is { } found) return found;
        var primary = requested.Split('-', '_')[0];
        // Ordinal order makes the choice stable; of zh-Hans and zh-Hant, zh-Hans (the default script for "zh") comes first.
        return _byTag.Keys.Order(StringComparer.Ordinal)
            .Where(tag => string.Equals(tag.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase))
            .Select(tag => _byTag[tag]).FirstOrDefault() ?? _english;
    }

    private LanguageTexts? Find(string tag) =>
        _byTag.FirstOrDefault(pair => string.Equals(pair.Key, tag, StringComparison.OrdinalIgnoreCase)).Value;

    private static IEnumerable<string> ParentTags(string tag)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(tag.Replace('_', '-'));
        }
        catch (CultureNotFoundException)
        {
            yield break;
        }
        for (var parent = culture.Parent; !string.IsNullOrEmpty(parent.Name); parent = parent.Parent)
            yield return parent.Name;
    }

    private static (Dictionary<string, string> Texts, IReadOnlyList<string> StopWords) Read(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(file, "it must be one JSON object of texts");
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            IReadOnlyList<string> stopWords = [];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == SmsStopWordsKey)
                    stopWords = property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(w => w.ValueKind == JsonValueKind.String)
                        ? property.Value.EnumerateArray().Select(w => w.GetString()!).ToList()
                        : throw Bad(file, $"'{SmsStopWordsKey}' must be a list of strings");
                else if (property.Value.ValueKind != JsonValueKind.String)
                    throw Bad(file, $"'{property.Name}' must be a string");
                else if (!texts.TryAdd(property.Name, property.Value.GetString()!))
                    throw Bad(file, $"'{property.Name}' appears twice");
            }
            return (texts, stopWords);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The patient texts file '{file}' is not valid JSON: {e.Message}", e);
        }
    }

    private static InvalidOperationException Bad(string file, string why) => new($"The patient texts file '{file}' is wrong: {why}.");
}
