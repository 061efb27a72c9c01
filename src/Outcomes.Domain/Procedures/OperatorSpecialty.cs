namespace Outcomes.Domain.Procedures;

/// <summary>Who performed the procedure.</summary>
public enum OperatorSpecialty { SpineSurgeon, InterventionalRadiologist }

public static class OperatorSpecialtyCodes
{
    public static readonly WireCodes<OperatorSpecialty> Wire = new("operator specialty",
        (OperatorSpecialty.SpineSurgeon, "spine_surgeon"),
        (OperatorSpecialty.InterventionalRadiologist, "interventional_radiologist"));

    public static string ToWire(this OperatorSpecialty value) => Wire.Code(value);
}
