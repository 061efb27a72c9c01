using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage;

/// <summary>
/// The report's aggregates, kept up to date as things happen (registrations, invitations, answers, events). Each change
/// comes with a marker naming it (e.g. "{procedure}_1w_answered"); a change whose marker was applied before changes
/// nothing, so a redelivered message, a retried request or a repeated timer run never counts twice.
/// </summary>
public enum TallyCount { Counted, CountedBefore, NotAfter }

public interface IOutcomeTallies
{
    /// <returns>True when applied now, false when the marker had been applied before.</returns>
    Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct);

    /// <returns>True when applied now, false when the marker had been applied before.</returns>
    Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct);

    /// <summary>
    /// Counts a change that follows another one (an answer after the invitation it answers): applied once, and only when
    /// the change named <paramref name="after"/> was counted before; otherwise nothing changes and the caller counts that
    /// one first. Saying so in the same transaction spares every answer a read to find out.
    /// </summary>
    Task<TallyCount> CountTimePointAfterAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, string after,
        Action<TimePointTally> change, CancellationToken ct);

    /// <summary>
    /// Counts the patient once at the clinic, in the cell of their earliest procedure: the first registration counts them,
    /// one for an earlier procedure moves them there, any other changes nothing (also when repeated, or at the same instant).
    /// </summary>
    Task CountPatientAsync(string clinicId, string patientRef, PatientCell procedure, CancellationToken ct);

    /// <summary>The clinics' cells (with what this process still had to write for them) whose procedure month lies in [<paramref name="fromMonth"/>, <paramref name="toMonth"/>] (either open).</summary>
    Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct);
}
