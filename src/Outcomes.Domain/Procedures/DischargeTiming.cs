namespace Outcomes.Domain.Procedures;

/// <summary>When the patient went home, counted from the procedure day.</summary>
public enum DischargeTiming { SameDay, NextDay, Later }

public static class DischargeTimingCodes
{
    public static readonly WireCodes<DischargeTiming> Wire = new("discharge timing",
        (DischargeTiming.SameDay, "same_day"),
        (DischargeTiming.NextDay, "next_day"),
        (DischargeTiming.Later, "later"));

    public static string ToWire(this DischargeTiming value) => Wire.Code(value);
}
