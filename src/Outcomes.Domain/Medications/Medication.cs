namespace Outcomes.Domain.Medications;

/// <summary>A class of pain medication in use; "none" excludes the others.</summary>
public enum Medication { None, Paracetamol, Nsaid, WeakOpioid, StrongOpioid }

public static class MedicationCodes
{
    public static readonly WireCodes<Medication> Wire = new("pain medication",
        (Medication.None, "none"),
        (Medication.Paracetamol, "paracetamol"),
        (Medication.Nsaid, "nsaid"),
        (Medication.WeakOpioid, "weak_opioid"),
        (Medication.StrongOpioid, "strong_opioid"));

    public static string ToWire(this Medication value) => Wire.Code(value);
}
