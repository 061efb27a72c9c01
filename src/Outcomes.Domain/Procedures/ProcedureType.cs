namespace Outcomes.Domain.Procedures;

/// <summary>Cement augmentation of a fractured vertebra: without (vertebroplasty) or with (kyphoplasty) a balloon first.</summary>
public enum ProcedureType { Vertebroplasty, Kyphoplasty }

public static class ProcedureTypeCodes
{
    public static readonly WireCodes<ProcedureType> Wire = new("procedure type",
        (ProcedureType.Vertebroplasty, "vertebroplasty"),
        (ProcedureType.Kyphoplasty, "kyphoplasty"));

    public static string ToWire(this ProcedureType value) => Wire.Code(value);
}
