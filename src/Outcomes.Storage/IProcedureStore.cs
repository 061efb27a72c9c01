using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage;

/// <summary>
/// A procedure as a clinic registered it; <see cref="Registration"/> holds the decrypted contact, or none once erased,
/// or its language only when <see cref="ContactHeld"/> says the details were not decrypted.
/// </summary>
public sealed record RegisteredProcedure(string ProcedureId, string ClinicId, ProcedureRegistration Registration, DateTimeOffset RegisteredAt)
{
    public HeldContact ContactHeld { get; init; } = HeldContact.Of(Registration.Contact);

    public TallyKey TallyKey => new(ClinicId, TallyCell.Of(Registration), Registration.Baseline.Pain, PatientKey.Of(ClinicId, Registration.PatientRef),
        Registration.ProcedureDate.Day);
}

/// <summary>A registration listed as unfinished, with the version it was read at.</summary>
public sealed record UnfinishedRegistration(string ProcedureId, string Version);

/// <summary>A procedure, its follow-ups in due order, and the answers recorded so far by time point code.</summary>
public sealed record ProcedureRecord(RegisteredProcedure Procedure, IReadOnlyList<FollowUpRecord> FollowUps, IReadOnlyDictionary<string, FollowUpAnswer>? Answers = null);

/// <summary>A procedure and the answers recorded so far by time point code, without its follow-ups or its contact.</summary>
public sealed record AnsweredProcedure(RegisteredProcedure Procedure, IReadOnlyDictionary<string, FollowUpAnswer> Answers);

/// <summary>Where procedures and their follow-up schedules are kept: a procedure and its schedule are written together or not at all.</summary>
public interface IProcedureStore
{
    /// <summary>
    /// Stores the procedure, its schedule and (when given) its <paramref name="registered"/> audit entry in one transaction,
    /// and marks the registration unfinished until <see cref="RegistrationFinishedAsync"/>. False, with nothing changed,
    /// when a procedure with this id is stored already (a registration sent again under its idempotency key).
    /// </summary>
    Task<bool> RegisterAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct, AuditEntry? registered = null);

    /// <summary>The registration is counted and honoured: it is no longer listed as unfinished.</summary>
    Task RegistrationFinishedAsync(string procedureId, CancellationToken ct);

    /// <summary>Whether the registration is still listed as unfinished (not yet counted).</summary>
    Task<bool> IsRegistrationUnfinishedAsync(string procedureId, CancellationToken ct);

    /// <summary>The registrations begun before <paramref name="before"/> and not finished (their request stopped).</summary>
    Task<IReadOnlyList<UnfinishedRegistration>> UnfinishedRegistrationsAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>
    /// A listed registration whose procedure was never stored (its request stopped before): no longer listed, unless a
    /// retry listed it again since it was read.
    /// </summary>
    Task RegistrationAbandonedAsync(UnfinishedRegistration registration, CancellationToken ct);

    /// <summary>
    /// The procedure, its follow-ups and its answers. Its contact is decrypted unless <paramref name="withContact"/> is
    /// false; one that cannot be is not an error: <see cref="RegisteredProcedure.ContactHeld"/> says so, and a warning
    /// names the procedure and the key id.
    /// </summary>
    Task<ProcedureRecord?> FindAsync(string procedureId, CancellationToken ct, bool withContact = true);

    /// <summary>
    /// The procedure as registered, in one read by key (its contact decrypted unless <paramref name="withContact"/> is false,
    /// as <see cref="FindAsync"/> does): what the timer needs of it to send its surveys, and what needs only its registration.
    /// </summary>
    Task<RegisteredProcedure?> FindRegisteredAsync(string procedureId, CancellationToken ct, bool withContact = true);

    /// <summary>The procedure (contact not decrypted) and its answers, in two reads: what an answer's red flags are raised against.</summary>
    Task<AnsweredProcedure?> FindAnswersAsync(string procedureId, CancellationToken ct);

    /// <summary>Erases the patient's e-mail and phone (the language stays); true if there was anything to erase.</summary>
    Task<bool> EraseContactAsync(string procedureId, CancellationToken ct);

    /// <summary>The ids of every procedure a clinic registered for one patient reference.</summary>
    Task<IReadOnlyList<string>> ProceduresOfPatientAsync(string clinicId, string patientRef, CancellationToken ct);

    /// <summary>
    /// Every procedure whose patient contact phone is this number (compared by its E.164 digits), with its clinic: found
    /// through a keyed-hash index, then checked against the procedure's own (decrypted) contact. Erased contacts are not found.
    /// </summary>
    Task<IReadOnlyList<(string ProcedureId, string ClinicId)>> ProceduresWithPhoneAsync(string phone, CancellationToken ct);
}
