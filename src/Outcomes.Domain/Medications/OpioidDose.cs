namespace Outcomes.Domain.Medications;

/// <summary>The opioid a patient takes and its daily dose: mg per day, or mcg/h for transdermal fentanyl.</summary>
public sealed record OpioidDose(Opioid Opioid, decimal DailyDose)
{
    /// <summary>Far above any outpatient regimen in either unit; a larger number is a typo.</summary>
    public const decimal MaxDailyDose = 5000m;

    public MorphineEquivalent MorphineEquivalentPerDay => MorphineEquivalents.PerDay(Opioid, DailyDose);
}
