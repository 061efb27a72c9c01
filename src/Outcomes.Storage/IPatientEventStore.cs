using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage;

/// <summary>A patient event as a clinic recorded it on one of its procedures: who recorded it and when.</summary>
public sealed record RecordedPatientEvent(Guid EventId, string ProcedureId, PatientEvent Event, DateTimeOffset RecordedAt, AuditActor RecordedBy);

/// <summary>Where patient events are kept, per procedure, for the reports (deaths within 30 days, new fractures).</summary>
public interface IPatientEventStore
{
    /// <summary>
    /// Stores the event once per procedure and <see cref="PatientEvent.Key"/>, with its audit entry on the procedure in
    /// the same write: when the same event is already recorded (a repeated request, a second death), nothing is written
    /// and that one is returned with <c>Added</c> false.
    /// </summary>
    Task<(bool Added, RecordedPatientEvent Stored)> AddAsync(RecordedPatientEvent recorded, AuditEntry audited, CancellationToken ct);

    /// <summary>The procedure's events, in key order (deaths, new fractures by day, opt-outs, withdrawals).</summary>
    Task<IReadOnlyList<RecordedPatientEvent>> OfProcedureAsync(string procedureId, CancellationToken ct);
}
