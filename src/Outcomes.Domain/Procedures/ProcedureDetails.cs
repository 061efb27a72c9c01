namespace Outcomes.Domain.Procedures;

/// <summary>What the procedure record holds beyond the essentials; every part optional.</summary>
public sealed record ProcedureDetails(
    OperatorSpecialty? Operator, Anesthesia? Anesthesia, DischargeTiming? Discharge, decimal? CementVolumeMl,
    IReadOnlyList<Complication> Complications, KyphoplastyMeasures? Kyphoplasty)
{
    /// <summary>Total cement over all levels; a typical level takes 2–8 ml, so more than this is a typo.</summary>
    public const decimal MaxCementVolumeMl = 50m;

    public static readonly ProcedureDetails None = new(null, null, null, null, [], null);
}
