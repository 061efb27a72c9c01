using Outcomes.Domain.Medications;

namespace Outcomes.Domain.Worklist;

/// <summary>Which opioids count as strong, and whether an answer or a baseline reports one.</summary>
public static class StrongOpioids
{
    /// <summary>
    /// Strong opioids are those of step III of the WHO analgesic ladder (WHO, Cancer Pain Relief, 2nd ed., 1996), as the
    /// EAPC recommendations name them (Caraceni A et al., Lancet Oncol 2012;13:e58–e68): morphine, oxycodone,
    /// hydromorphone, fentanyl, buprenorphine and methadone; oxymorphone, three times as potent as morphine (the CDC's
    /// factor, <see cref="MorphineEquivalents"/>), goes with them. Codeine and tramadol are step II (weak), and so is
    /// hydrocodone, as it is prescribed (combined with paracetamol). Tapentadol postdates the ladder; a µ-agonist
    /// scheduled with oxycodone (US Schedule II), it is counted strong, so that starting it is reviewed rather than missed.
    /// </summary>
    public static readonly IReadOnlySet<Opioid> StepThree = new HashSet<Opioid>
    {
        Opioid.Morphine, Opioid.Oxycodone, Opioid.Hydromorphone, Opioid.Oxymorphone, Opioid.FentanylTransdermal,
        Opioid.Buprenorphine, Opioid.Methadone, Opioid.Tapentadol,
    };

    public static bool IsStrong(this Opioid opioid) => StepThree.Contains(opioid);

    /// <summary>The patient listed the strong-opioid class, or gave the dose of a strong opioid (whatever class was ticked).</summary>
    public static bool Reports(IReadOnlyList<Medication>? medications, OpioidDose? dose) =>
        medications?.Contains(Medication.StrongOpioid) == true || dose?.Opioid.IsStrong() == true;
}
