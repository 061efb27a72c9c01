using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

public sealed class PatientTextsTests : IDisposable
{
    /// <summary>The texts as the build copies them beside the binaries.</summary>
    internal static readonly PatientTexts Shipped = PatientTexts.LoadDefault();

    public static TheoryData<string> Translations() => [.. Shipped.Languages.Where(l => l != PatientTexts.English)];

    private readonly string folder = Directory.CreateTempSubdirectory("outcomes-texts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void English_Spanish_and_Simplified_Chinese_are_shipped()
    {
        Assert.Equal(["en", "es", "zh-Hans"], Shipped.Languages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_has_every_English_text(string language)
    {
        var missing = English.OwnKeys.Except(Shipped.For(language).OwnKeys).Order();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_translation_has_no_text_English_lacks(string language)
    {
        var unknown = Shipped.For(language).OwnKeys.Except(English.OwnKeys).Order();

        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_uses_the_same_placeholders_as_English(string language)
    {
        var translation = Shipped.For(language);

        foreach (var key in English.OwnKeys)
            Assert.True(LanguageTexts.PlaceholdersIn(English[key]).SetEquals(LanguageTexts.PlaceholdersIn(translation[key])),
                $"{language} '{key}': \"{translation[key]}\" has other placeholders than \"{English[key]}\".");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translations_are_not_English_left_in_place(string language)
    {
        var translation = Shipped.For(language);
        string[] sentences = ["email.invitation.body", "survey.pain.legend", "survey.newFracture.legend", "notFound.body", "sms.stop"];

        foreach (var key in sentences)
            Assert.NotEqual(English[key], translation[key]);
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("es_419", "es")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-hans", "zh-Hans")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans-SG", "zh-Hans")]
    [InlineData("en-GB", "en")]
    [InlineData("fr", "en")]
    [InlineData("xx-nonsense", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    public void A_language_is_found_by_its_tag_its_parent_or_its_primary_subtag_else_English(string? requested, string expected)
    {
        Assert.Equal(expected, Shipped.For(requested).Tag);
    }

    [Fact]
    public void A_text_missing_from_a_language_is_taken_from_English_per_key()
    {
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "greeting": "Hello", "farewell": "Goodbye {name}" }""");
        File.WriteAllText(Path.Combine(folder, "de.json"), """{ "greeting": "Hallo" }""");

        var german = PatientTexts.Load(folder).For("de-AT");

        Assert.Equal("de", german.Tag);
        Assert.Equal("Hallo", german["greeting"]);
        Assert.Equal("Goodbye Anna", german.Format("farewell", ("name", "Anna")));
    }

    [Fact]
    public void A_text_missing_everywhere_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => English["no.such.text"]);

        Assert.Contains("no.such.text", error.Message);
    }

    [Fact]
    public void Format_fills_every_placeholder_and_leaves_unknown_ones()
    {
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "line": "{a} and {a}, {b}, {missing}" }""");

        var text = PatientTexts.Load(folder).For("en").Format("line", ("a", "1"), ("b", "{a}"));

        Assert.Equal("1 and 1, {a}, {missing}", text);
    }

    [Theory]
    [InlineData("""{ "greeting": """, "not valid JSON")]
    [InlineData("""["greeting"]""", "one JSON object")]
    [InlineData("""{ "greeting": 3 }""", "'greeting' must be a string")]
    [InlineData("""{ "smsStopWords": "STOP" }""", "'smsStopWords' must be a list of strings")]
    [InlineData("""{ "a": "x", "a": "y" }""", "'a' appears twice")]
    public void A_bad_file_is_refused_naming_the_file_and_the_problem(string content, string problem)
    {
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "greeting": "Hello" }""");
        File.WriteAllText(Path.Combine(folder, "es.json"), content);

        var error = Assert.Throws<InvalidOperationException>(() => PatientTexts.Load(folder));

        Assert.Contains("es.json", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void English_is_required()
    {
        File.WriteAllText(Path.Combine(folder, "es.json"), """{ "greeting": "Hola" }""");

        var error = Assert.Throws<InvalidOperationException>(() => PatientTexts.Load(folder));

        Assert.Contains("en.json", error.Message);
    }

    [Fact]
    public void Sms_stop_words_of_every_language_are_one_upper_cased_set()
    {
        var words = Shipped.AllSmsStopWords;

        Assert.Superset(new HashSet<string> { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "BAJA", "PARAR", "ALTO", "DETENER", "退订", "TD", "停止" }, words.ToHashSet());
        Assert.Contains("baja", words);
        Assert.All(words, w => Assert.Equal(w.Trim().ToUpperInvariant(), w));
    }

    [Fact]
    public void Stop_words_are_trimmed_and_upper_cased_across_languages()
    {
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "smsStopWords": [" stop ", "Quit"] }""");
        File.WriteAllText(Path.Combine(folder, "es.json"), """{ "smsStopWords": ["baja", "STOP"] }""");

        var words = PatientTexts.Load(folder).AllSmsStopWords;

        Assert.Equal(["BAJA", "QUIT", "STOP"], words.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("en", "November 27, 2026")]
    [InlineData("es", "27 de noviembre de 2026")]
    [InlineData("zh-Hans", "2026年11月27日")]
    public void Dates_are_written_the_language_s_way(string language, string expected)
    {
        Assert.Equal(expected, Shipped.For(language).Date(new DateOnly(2026, 11, 27)));
    }

    private static LanguageTexts English => Shipped.For(PatientTexts.English);
}
