namespace Outcomes.Domain.Procedures;

/// <summary>A periprocedural complication.</summary>
public enum Complication { CementLeakage, PulmonaryCementEmbolism, NeurologicalDeficit, Infection, Hematoma, RibFracture, AllergicReaction, Other }

public static class ComplicationCodes
{
    public static readonly WireCodes<Complication> Wire = new("complication",
        (Complication.CementLeakage, "cement_leakage"),
        (Complication.PulmonaryCementEmbolism, "pulmonary_cement_embolism"),
        (Complication.NeurologicalDeficit, "neurological_deficit"),
        (Complication.Infection, "infection"),
        (Complication.Hematoma, "hematoma"),
        (Complication.RibFracture, "rib_fracture"),
        (Complication.AllergicReaction, "allergic_reaction"),
        (Complication.Other, "other"));

    public static string ToWire(this Complication value) => Wire.Code(value);
}
