namespace Outcomes.Domain.Medications;

public enum Opioid
{
    Morphine, Codeine, Tramadol, Tapentadol, Hydrocodone, Oxycodone, Oxymorphone, Hydromorphone,
    /// <summary>Dosed in micrograms per hour, not milligrams per day.</summary>
    FentanylTransdermal,
    Buprenorphine, Methadone,
}

public static class OpioidCodes
{
    public static readonly WireCodes<Opioid> Wire = new("opioid",
        (Opioid.Morphine, "morphine"), (Opioid.Codeine, "codeine"), (Opioid.Tramadol, "tramadol"), (Opioid.Tapentadol, "tapentadol"),
        (Opioid.Hydrocodone, "hydrocodone"), (Opioid.Oxycodone, "oxycodone"), (Opioid.Oxymorphone, "oxymorphone"),
        (Opioid.Hydromorphone, "hydromorphone"), (Opioid.FentanylTransdermal, "fentanyl_transdermal"),
        (Opioid.Buprenorphine, "buprenorphine"), (Opioid.Methadone, "methadone"));

    public static string ToWire(this Opioid opioid) => Wire.Code(opioid);

    /// <summary>"mcg/h" for transdermal fentanyl, "mg" (per day) for the rest.</summary>
    public static string DoseUnit(this Opioid opioid) => opioid == Opioid.FentanylTransdermal ? "mcg/h" : "mg";
}
