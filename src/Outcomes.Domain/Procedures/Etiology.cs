namespace Outcomes.Domain.Procedures;

/// <summary>What caused the vertebral fracture.</summary>
public enum Etiology { Osteoporotic, Malignant, Traumatic, Other }

public static class EtiologyCodes
{
    public static readonly WireCodes<Etiology> Wire = new("etiology",
        (Etiology.Osteoporotic, "osteoporotic"),
        (Etiology.Malignant, "malignant"),
        (Etiology.Traumatic, "traumatic"),
        (Etiology.Other, "other"));

    public static string ToWire(this Etiology value) => Wire.Code(value);
}
