namespace Outcomes.Domain.Medications;

/// <summary>The pain medication a patient takes, as a list: at least one class, each once, and "none" only alone.</summary>
public static class MedicationsInUse
{
    /// <summary>Why the list cannot be a patient's medication, or null when it can (its items are distinct already).</summary>
    public static string? WhyNot(IReadOnlyList<Medication> medications) =>
        medications.Count == 0 ? "List the pain medication in use, or [\"none\"]."
        : medications.Contains(Medication.None) && medications.Count > 1 ? "'none' cannot be listed together with a medication."
        : null;
}
