namespace Outcomes.Domain.Procedures;

/// <summary>
/// What a kyphoplasty's balloon achieved: vertebral body height restored (mm) and the kyphotic (Cobb) angle of the
/// fractured segment before and after, in degrees (negative is lordosis).
/// </summary>
public sealed record KyphoplastyMeasures(decimal? HeightRestoredMm, decimal? KyphoticAngleBefore, decimal? KyphoticAngleAfter)
{
    public const decimal MaxHeightRestoredMm = 30m;
    public const decimal MinKyphoticAngle = -30m, MaxKyphoticAngle = 90m;
}
