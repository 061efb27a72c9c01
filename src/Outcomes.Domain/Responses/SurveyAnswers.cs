using System.Text.Json;
using Outcomes.Domain.Json;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Responses;

/// <summary>
/// What a patient answered on one follow-up survey. Pain is required; medications, the opioid dose and the new
/// fracture question are read when present (null when absent).
/// </summary>
public sealed record SurveyAnswers(
    PainScore Pain, IReadOnlyList<Medication>? Medications = null, OpioidDose? Opioid = null, NewFractureAnswer? NewFracture = null)
{
    public const string PainField = "pain";
    public const string MedicationsField = "medications";
    public const string OpioidField = "opioid";
    public const string NewFractureField = "newFracture";

    /// <summary>Reads answers from a JSON object, or says which field is wrong and why (the first problem found).</summary>
    public static (SurveyAnswers? Answers, Rejection? Why) Read(JsonElement json)
    {
        var (answers, problems) = ReadAll(json);
        return (answers, problems.Count > 0 ? problems[0] : null);
    }

    /// <summary>Reads answers from a JSON object, or reports every wrong field.</summary>
    public static (SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) ReadAll(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return (null, [new Rejection("not-an-object", "The answers must be a JSON object.", $"Got a JSON {json.ValueKind.ToString().ToLowerInvariant()}.")]);
        var fields = new JsonFields();

        var pain = fields.Pain(json, PainField, "", true);
        var medications = fields.Medications(json, MedicationsField, "", false);
        var opioid = ReadOpioid(fields, json);
        var newFracture = fields.Code(json, NewFractureField, "", false, NewFractureAnswerCodes.Wire);
        if (opioid is not null && medications is not null && !medications.Any(m => m is Medication.WeakOpioid or Medication.StrongOpioid))
            fields.Add(Rejection.Invalid(OpioidField, "An opioid dose was given, but the medications list no weak or strong opioid."));

        return fields.HasProblems
            ? (null, fields.Problems)
            : (new SurveyAnswers(pain!.Value, medications, opioid, newFracture), []);
    }

    private static OpioidDose? ReadOpioid(JsonFields fields, JsonElement json)
    {
        if (fields.Object(json, OpioidField, "", false) is not { } opioid) return null;
        var name = fields.Code(opioid, "name", OpioidField, true, OpioidCodes.Wire);
        var dose = fields.Number(opioid, "dailyDose", OpioidField, true, 0m, false, OpioidDose.MaxDailyDose,
            "The daily dose (mg per day; mcg/h for transdermal fentanyl)");
        return name is { } n && dose is { } d ? new OpioidDose(n, d) : null;
    }
}
