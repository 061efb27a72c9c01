using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Outcomes.Domain;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions.Patients;

/// <summary>
/// Turns the posted survey form into the answers' wire form (<see cref="SurveyAnswersRequest"/>), checked by the same
/// rules as JSON answers, and its rejections back into messages beside the form's fields. The form's field names are
/// the answers' JSON paths.
/// </summary>
public static partial class SurveyForm
{
    public const string PainField = SurveyAnswersRequest.PainField;
    public const string MedicationsField = SurveyAnswersRequest.MedicationsField;
    public const string OpioidNameField = SurveyAnswersRequest.OpioidField + ".name";
    public const string OpioidDailyDoseField = SurveyAnswersRequest.OpioidField + ".dailyDose";
    public const string NewFractureField = SurveyAnswersRequest.NewFractureField;

    public static IReadOnlyList<KeyValuePair<string, string>> ParseUrlEncoded(string body) =>
        QueryHelpers.ParseQuery(body)
            .SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")))
            .ToList();

    /// <summary>The answers, or every wrong field: what the form could not carry first, then what the answers' rules refuse.</summary>
    public static (SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) Read(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (sent, problems) = ToRequest(fields);
        var checks = new FieldChecks();
        foreach (var problem in problems) checks.Add(problem);
        var answers = sent.ToAnswers(checks);
        return checks.HasProblems ? (null, checks.Problems) : (answers, []);
    }

    /// <summary>
    /// The answers in their wire form. Empty fields are left out; a number that is not one, or an answer given twice
    /// (only medications take several), is a rejection at its field rather than a guess at what was meant.
    /// </summary>
    public static (SurveyAnswersRequest Sent, IReadOnlyList<Rejection> Problems) ToRequest(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = new PostedForm(fields, "This question takes one answer; it was answered twice.");

        var pain = form.Parsed(PainField, "Pain is a whole number from 0 to 10", text =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null);
        var medications = form.All(MedicationsField) is { Count: > 0 } listed ? listed.Select(m => (string?)m).ToList() : null;
        var name = form.One(OpioidNameField);
        var dose = form.Parsed(OpioidDailyDoseField, "The daily dose is a number, like 12.5", text =>
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null);
        var opioid = name is null && dose is null ? null : new SurveyAnswersRequest.OpioidPart(name, dose);
        return (new SurveyAnswersRequest(pain, medications, opioid, form.One(NewFractureField)), form.Problems);
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

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ListIndex();
}
