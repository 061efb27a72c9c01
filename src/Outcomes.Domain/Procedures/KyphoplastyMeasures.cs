namespace Outcomes.Domain.Procedures;

/// <summary>
/// What a kyphoplasty's balloon achieved: vertebral body height restored (mm) and the kyphotic (Cobb) angle of the
/// fractured segment before and after, in degrees (negative is lordosis).
/// </summary>
public sealed record KyphoplastyMeasures(decimal? HeightRestoredMm, decimal? KyphoticAngleBefore, decimal? KyphoticAngleAfter)
{
    public const decimal MaxHeightRestoredMm = 30m;
    public const decimal MinKyphoticAngle = -30m, MaxKyphoticAngle = 90m;

    /// <summary>Why these measures cannot be recorded for a procedure of <paramref name="type"/>, or null when they can.</summary>
    public static string? WhyNotFor(ProcedureType? type) =>
        type == ProcedureType.Vertebroplasty ? "Height restoration and kyphotic angles are recorded for kyphoplasty only." : null;
}
