namespace Outcomes.Domain.Procedures;

/// <summary>The anesthesia the procedure was done under.</summary>
public enum Anesthesia { Local, LocalWithSedation, General }

public static class AnesthesiaCodes
{
    public static readonly WireCodes<Anesthesia> Wire = new("anesthesia",
        (Anesthesia.Local, "local"),
        (Anesthesia.LocalWithSedation, "local_with_sedation"),
        (Anesthesia.General, "general"));

    public static string ToWire(this Anesthesia value) => Wire.Code(value);
}
