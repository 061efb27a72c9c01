using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Reports.Funnel;

/// <summary>
/// A case-mix stratum for indirect standardisation: procedure type × etiology × baseline pain band
/// (0 = mild 0–3, 1 = moderate 4–6, 2 = severe 7–10; <see cref="TimePointTally.BaselineBand"/>).
/// </summary>
public readonly record struct CaseMixStratum(ProcedureType ProcedureType, Etiology Etiology, int BaselineBand)
{
    public const int Bands = 3;

    public override string ToString() => $"{ProcedureType.ToWire()}/{EtiologyCodes.ToWire(Etiology)}/{BandLabel(BaselineBand)}";

    /// <summary>"0–3", "4–6", "7–10".</summary>
    public static string BandLabel(int band) => band switch
    {
        0 => "0–3",
        1 => "4–6",
        2 => "7–10",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Baseline bands are 0, 1 and 2."),
    };
}
