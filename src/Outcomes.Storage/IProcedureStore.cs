using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage;

/// <summary>A procedure as a clinic registered it; <see cref="Registration"/> holds the decrypted contact, or none once erased.</summary>
public sealed record RegisteredProcedure(string ProcedureId, string ClinicId, ProcedureRegistration Registration, DateTimeOffset RegisteredAt);

/// <summary>One follow-up of a procedure as it stands now.</summary>
public sealed record FollowUpRecord(ScheduledFollowUp FollowUp, DateOnly? InvitedOn, int RemindersSent, DateOnly? AnsweredOn);

public sealed record ProcedureRecord(RegisteredProcedure Procedure, IReadOnlyList<FollowUpRecord> FollowUps);

/// <summary>Where procedures and their follow-up schedules are kept: a procedure and its schedule are written together or not at all.</summary>
public interface IProcedureStore
{
    Task RegisterAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct);

    Task<ProcedureRecord?> FindAsync(string procedureId, CancellationToken ct);

    /// <summary>Erases the patient's e-mail and phone (the language stays); true if there was anything to erase.</summary>
    Task<bool> EraseContactAsync(string procedureId, CancellationToken ct);
}
