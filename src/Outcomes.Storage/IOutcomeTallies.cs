using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage;

/// <summary>
/// The report's aggregates, kept up to date as things happen (registrations, invitations, answers, events). Each change
/// comes with a marker naming it (e.g. "{procedure}_1w_answered"); a change whose marker was applied before changes
/// nothing, so a redelivered message, a retried request or a repeated timer run never counts twice.
/// </summary>
public interface IOutcomeTallies
{
    /// <returns>True when applied now, false when the marker had been applied before.</returns>
    Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct);

    /// <returns>True when applied now, false when the marker had been applied before.</returns>
    Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct);

    /// <summary>The clinics' cells whose procedure month lies in [<paramref name="fromMonth"/>, <paramref name="toMonth"/>] (either open).</summary>
    Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct);
}
