using Outcomes.Domain.Medications;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Responses;

/// <summary>
/// What a patient answered on one follow-up survey. Pain is required; medications, the opioid dose and the new
/// fracture question are null when not answered.
/// </summary>
public sealed record SurveyAnswers(
    PainScore Pain, IReadOnlyList<Medication>? Medications = null, OpioidDose? Opioid = null, NewFractureAnswer? NewFracture = null)
{
    /// <summary>Why an opioid dose cannot stand beside these medications, or null when it can: the dose is of an opioid listed.</summary>
    public static string? WhyNotOpioid(IReadOnlyList<Medication>? medications, OpioidDose? opioid) =>
        opioid is not null && medications is not null && !medications.Any(m => m is Medication.WeakOpioid or Medication.StrongOpioid)
            ? "An opioid dose was given, but the medications list no weak or strong opioid."
            : null;
}
