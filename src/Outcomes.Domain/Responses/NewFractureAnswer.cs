namespace Outcomes.Domain.Responses;

/// <summary>Whether a new vertebral fracture was diagnosed since the last survey.</summary>
public enum NewFractureAnswer { Yes, No, Unsure }

public static class NewFractureAnswerCodes
{
    public static readonly WireCodes<NewFractureAnswer> Wire = new("new fracture answer",
        (NewFractureAnswer.Yes, "yes"),
        (NewFractureAnswer.No, "no"),
        (NewFractureAnswer.Unsure, "unsure"));

    public static string ToWire(this NewFractureAnswer value) => Wire.Code(value);
}
