using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Outcomes.Domain;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions.Patients;

/// <summary>
/// Turns the posted survey form into the JSON answers <see cref="SurveyAnswers.ReadAll"/> reads, and its rejections
/// back into messages beside the form's fields. The form's field names are the answers' JSON paths.
/// </summary>
public static partial class SurveyForm
{
    public const string PainField = SurveyAnswers.PainField;
    public const string MedicationsField = SurveyAnswers.MedicationsField;
    public const string OpioidNameField = SurveyAnswers.OpioidField + ".name";
    public const string OpioidDailyDoseField = SurveyAnswers.OpioidField + ".dailyDose";
    public const string NewFractureField = SurveyAnswers.NewFractureField;

    public static IReadOnlyList<KeyValuePair<string, string>> ParseUrlEncoded(string body) =>
        QueryHelpers.ParseQuery(body)
            .SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")))
            .ToList();

    /// <summary>
    /// The answers as JSON. Empty fields are left out; what is not a number where one belongs stays a string, and a field
    /// sent twice becomes a list, so <see cref="SurveyAnswers"/> refuses it rather than this guessing what was meant.
    /// </summary>
    public static JsonElement ToAnswersJson(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var posted = fields.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => g.Select(f => f.Value.Trim()).Where(v => v.Length > 0).ToList(), StringComparer.Ordinal);
        IReadOnlyList<string> Values(string name) => posted.TryGetValue(name, out var values) ? values : [];

        var answers = new JsonObject();
        if (One(Values(PainField), Number) is { } pain) answers[PainField] = pain;
        if (Values(MedicationsField) is { Count: > 0 } medications)
            answers[MedicationsField] = new JsonArray(medications.Select(m => (JsonNode)JsonValue.Create(m)).ToArray());
        var name = One(Values(OpioidNameField), Text);
        var dose = One(Values(OpioidDailyDoseField), Number);
        if (name is not null || dose is not null)
        {
            var opioid = new JsonObject();
            if (name is not null) opioid["name"] = name;
            if (dose is not null) opioid["dailyDose"] = dose;
            answers[SurveyAnswers.OpioidField] = opioid;
        }
        if (One(Values(NewFractureField), Text) is { } newFracture) answers[NewFractureField] = newFracture;

        using var document = JsonDocument.Parse(answers.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>
    /// One message per form field for the rejections (an item's "medications[1]" counts as "medications"): the
    /// language's <c>error.{field}</c> text where there is one, else the rejection's own detail.
    /// </summary>
    public static IReadOnlyList<FieldError> ToFieldErrors(LanguageTexts t, IEnumerable<Rejection> problems) =>
        problems
            .Select(problem => (Field: FormField(problem.Field), problem.Detail))
            .DistinctBy(problem => problem.Field)
            .Select(problem => new FieldError(problem.Field,
                problem.Field.Length > 0 && t.TryGet($"error.{problem.Field}", out var message) ? message : problem.Detail))
            .ToList();

    /// <summary>The posted values by field name, to fill the form in again after an error.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToPrevious(IEnumerable<KeyValuePair<string, string>> fields) =>
        fields.GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList(), StringComparer.Ordinal);

    private static string FormField(string? jsonPath) => ListIndex().Replace(jsonPath ?? "", "");

    private static JsonNode? One(IReadOnlyList<string> values, Func<string, JsonNode> read) => values.Count switch
    {
        0 => null,
        1 => read(values[0]),
        _ => new JsonArray(values.Select(read).ToArray()),
    };

    private static JsonNode Text(string value) => JsonValue.Create(value);

    // Digits with at most a sign and a decimal point become a JSON number (3.5 is then refused as pain by its range
    // rule); anything else ("abc", "1e3", "3,5") stays a string, which is refused as not a number.
    // .NET's number parsing lets trailing NULs pass: a value with any control character stays text, and is refused as such.
    private static JsonNode Number(string value) =>
        !value.Any(char.IsControl) && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(value);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ListIndex();
}
