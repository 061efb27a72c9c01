using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions;

/// <summary>
/// A patient's answers in their wire form: the body of <c>POST /api/surveys/{token}</c> as bound, what the survey page's
/// form becomes, and what a survey response message carries sealed. <see cref="ToAnswers"/> checks them.
/// </summary>
public sealed record SurveyAnswersRequest(int? Pain, IReadOnlyList<string?>? Medications, SurveyAnswersRequest.OpioidPart? Opioid, string? NewFracture)
{
    public const string PainField = "pain";
    public const string MedicationsField = "medications";
    public const string OpioidField = "opioid";
    public const string NewFractureField = "newFracture";

    public sealed record OpioidPart(string? Name, decimal? DailyDose);

    /// <summary>The answers, or every wrong field.</summary>
    internal (SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) ToAnswers()
    {
        var checks = new FieldChecks();
        var answers = ToAnswers(checks);
        return checks.HasProblems ? (null, checks.Problems) : (answers, []);
    }

    /// <summary>The answers, with every wrong field added to <paramref name="checks"/> (null when there is one).</summary>
    internal SurveyAnswers? ToAnswers(FieldChecks checks)
    {
        var before = checks.Problems.Count;
        var pain = checks.Pain(Pain, PainField, true);
        var medications = checks.Medications(Medications, MedicationsField, false);
        var opioid = Opioid is null ? null : ToOpioid(checks, Opioid);
        var newFracture = checks.Code(NewFracture, NewFractureField, false, NewFractureAnswerCodes.Wire);
        checks.Refuse(OpioidField, SurveyAnswers.WhyNotOpioid(medications, opioid));
        return checks.Problems.Count == before ? new SurveyAnswers(pain!.Value, medications, opioid, newFracture) : null;
    }

    /// <summary>Answers in their wire form, as a survey response message carries them.</summary>
    public static SurveyAnswersRequest From(SurveyAnswers answers) => new(
        answers.Pain.Value,
        answers.Medications?.Select(m => (string?)m.ToWire()).ToList(),
        answers.Opioid is { } o ? new OpioidPart(o.Opioid.ToWire(), o.DailyDose) : null,
        answers.NewFracture?.ToWire());

    private static OpioidDose? ToOpioid(FieldChecks checks, OpioidPart opioid)
    {
        var name = checks.Code(opioid.Name, $"{OpioidField}.name", true, OpioidCodes.Wire);
        var dose = checks.Number(opioid.DailyDose, $"{OpioidField}.dailyDose", true, 0m, false, OpioidDose.MaxDailyDose,
            "The daily dose (mg per day; mcg/h for transdermal fentanyl)");
        return name is { } n && dose is { } d ? new OpioidDose(n, d) : null;
    }
}
