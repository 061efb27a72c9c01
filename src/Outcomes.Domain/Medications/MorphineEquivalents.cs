namespace Outcomes.Domain.Medications;

/// <summary>A daily opioid dose in morphine milligram equivalents, or why it was not converted.</summary>
public sealed record MorphineEquivalent(decimal? MilligramsPerDay, string? NotConvertedBecause)
{
    public bool IsConverted => MilligramsPerDay is not null;
}

/// <summary>Morphine milligram equivalents (MME) per day of an opioid's daily dose.</summary>
public static class MorphineEquivalents
{
    /// <summary>
    /// Conversion factors to oral morphine from the CDC Clinical Practice Guideline for Prescribing Opioids for Pain,
    /// United States, 2022 (Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R. MMWR Recomm Rep 2022;71(3):1–95), Table 1.
    /// Transdermal fentanyl is per mcg/h. Buprenorphine and methadone are left out on purpose: the guideline does not
    /// count buprenorphine towards MME, and methadone's ratio rises with dose, so a single factor would mislead.
    /// </summary>
    public static readonly IReadOnlyDictionary<Opioid, decimal> Factors = new Dictionary<Opioid, decimal>
    {
        [Opioid.Morphine] = 1m,
        [Opioid.Codeine] = 0.15m,
        [Opioid.Tramadol] = 0.2m,
        [Opioid.Tapentadol] = 0.4m,
        [Opioid.Hydrocodone] = 1m,
        [Opioid.Oxycodone] = 1.5m,
        [Opioid.Oxymorphone] = 3m,
        [Opioid.Hydromorphone] = 5m,
        [Opioid.FentanylTransdermal] = 2.4m,
    };

    /// <summary>MME per day of <paramref name="dailyDose"/> (mg per day, or mcg/h for transdermal fentanyl).</summary>
    public static MorphineEquivalent PerDay(Opioid opioid, decimal dailyDose)
    {
        if (dailyDose <= 0) throw new ArgumentOutOfRangeException(nameof(dailyDose), dailyDose, "A daily dose is more than zero.");
        return Factors.TryGetValue(opioid, out var factor)
            ? new(dailyDose * factor, null)
            : new(null, $"{opioid.ToWire()} is not converted to morphine equivalents: no single conversion factor is reliable for it.");
    }
}
