using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Registering a procedure: stored with its schedule and audit entry in one transaction, then finished (counted in the
/// report's tallies, an opt-out remembered for its contact honoured). A registration whose request stopped before it
/// was finished stays listed as unfinished, and is finished by the clinic's retry under the same idempotency key or by
/// the timer's next run (<see cref="FinishStoppedAsync"/>), whichever comes first; finishing twice changes nothing.
/// </summary>
internal sealed class ProcedureRegistrations(IClinicStore clinics, IProcedureStore procedures, OutcomeCounting counting, SurveyOptOuts optOuts,
    ILogger<ProcedureRegistrations> log)
{
    /// <summary>Longer than any registration request may take (the host's function timeout): one older than this has stopped.</summary>
    public static readonly TimeSpan Stopped = TimeSpan.FromMinutes(5);

    public abstract record Outcome
    {
        /// <summary>The procedure as stored, and whether this request stored it (false: a retry found it under its key).</summary>
        public sealed record Registered(RegisteredProcedure Procedure, IReadOnlyList<FollowUpRecord> FollowUps, bool New) : Outcome;

        /// <summary>The idempotency key was used before for a different registration.</summary>
        public sealed record KeyReused : Outcome;
    }

    /// <summary>
    /// The procedure id: new for every registration, or derived from the clinic and its idempotency key, so that a
    /// registration sent again finds the procedure the first one stored instead of storing a second.
    /// </summary>
    public static string ProcedureId(string clinicId, string? idempotencyKey) =>
        idempotencyKey is null
            ? Guid.NewGuid().ToString("N")
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"outcomes-procedure\n{clinicId}\n{idempotencyKey}")).AsSpan(0, 16));

    public async Task<Outcome> RegisterAsync(Clinic clinic, ProcedureRegistration registration, string? idempotencyKey, AuditActor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var procedure = new RegisteredProcedure(ProcedureId(clinic.ClinicId, idempotencyKey), clinic.ClinicId, registration, now);
        var schedule = FollowUpSchedule.For(registration.ProcedureDate, Today(clinic, now));
        if (await procedures.RegisterAsync(procedure, schedule, ct, Registered(procedure, schedule, actor)))
        {
            schedule = await TryFinishAsync(procedure, schedule, ct);
            return new Outcome.Registered(procedure, schedule.Select(f => new FollowUpRecord(f, null, 0, null)).ToList(), New: true);
        }

        var stored = await procedures.FindAsync(procedure.ProcedureId, ct)
            ?? throw new InvalidOperationException($"Procedure {procedure.ProcedureId} was stored and cannot be read back.");
        if (stored.Procedure.ClinicId != clinic.ClinicId || !Same(stored.Procedure.Registration, registration))
            return new Outcome.KeyReused();
        // Finished once only: a retry long after must not honour, as of the procedure date, an opt-out given after answers.
        if (await procedures.IsRegistrationUnfinishedAsync(procedure.ProcedureId, ct))
            await TryFinishAsync(stored.Procedure, ScheduleAtRegistration(clinic, stored.Procedure), ct);
        var current = await procedures.FindAsync(procedure.ProcedureId, ct) ?? stored;
        return new Outcome.Registered(current.Procedure, current.FollowUps, New: false);
    }

    /// <summary>
    /// Finishes every registration whose request stopped between storing and finishing it; returns how many. One that
    /// fails is left listed for the next run and does not stop the others (nor the run's surveys).
    /// </summary>
    public async Task<int> FinishStoppedAsync(DateTimeOffset now, CancellationToken ct)
    {
        var finished = 0;
        foreach (var unfinished in await procedures.UnfinishedRegistrationsAsync(now - Stopped, ct))
        {
            try
            {
                if (await procedures.FindAsync(unfinished.ProcedureId, ct) is not { } stored)
                    await procedures.RegistrationAbandonedAsync(unfinished, ct);   // the request stopped before the procedure was stored
                else if (await clinics.FindAsync(stored.Procedure.ClinicId, ct) is { } clinic)
                {
                    await FinishAsync(stored.Procedure, ScheduleAtRegistration(clinic, stored.Procedure), ct);
                    finished++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Registration {ProcedureId} could not be finished ({Error}); the next run tries again.", unfinished.ProcedureId, e.GetType().Name);
            }
        }
        return finished;
    }

    /// <summary>Finishes the registration; one whose count lost the race for its tally row stays listed, for the timer.</summary>
    private async Task<IReadOnlyList<ScheduledFollowUp>> TryFinishAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct)
    {
        try
        {
            return await FinishAsync(procedure, schedule, ct);
        }
        catch (TallyContentionException)
        {
            log.LogWarning("Registration {ProcedureId} stored; its count lost the race for its tally row and is left to the timer.", procedure.ProcedureId);
            return schedule;
        }
    }

    private async Task<IReadOnlyList<ScheduledFollowUp>> FinishAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct)
    {
        await counting.ProcedureRegisteredAsync(procedure, schedule, ct);
        if (await optOuts.IsOptedOutAsync(procedure.Registration.Contact, ct))
        {
            await optOuts.HonourAsync(procedure, procedure.Registration.ProcedureDate, ct);   // opted out before it: none of its surveys is due
            schedule = FollowUpCancellation.Apply(PatientEventType.OptOut, schedule);
        }
        await procedures.RegistrationFinishedAsync(procedure.ProcedureId, ct);
        return schedule;
    }

    private static DateOnly Today(Clinic clinic, DateTimeOffset now) => ClinicCalendar.For(clinic.TimeZone).Calendar!.LocalDate(now);

    /// <summary>The schedule as it was made when the procedure was registered (late registrations: windows closed then were missed).</summary>
    private static IReadOnlyList<ScheduledFollowUp> ScheduleAtRegistration(Clinic clinic, RegisteredProcedure procedure) =>
        FollowUpSchedule.For(procedure.Registration.ProcedureDate, Today(clinic, procedure.RegisteredAt));

    private static bool Same(ProcedureRegistration stored, ProcedureRegistration sent) =>
        stored.Contact == sent.Contact
        && JsonSerializer.Serialize(ProcedureRegistrationRequest.WithoutContact(stored), JsonRequest.Options)
            == JsonSerializer.Serialize(ProcedureRegistrationRequest.WithoutContact(sent), JsonRequest.Options);

    private static AuditEntry Registered(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, AuditActor actor)
    {
        var registration = procedure.Registration;
        return new AuditEntry(AuditSubjects.Procedure(procedure.ProcedureId), procedure.RegisteredAt, actor, "procedure-registered",
            new Dictionary<string, string?>
            {
                ["procedureType"] = registration.ProcedureType.ToWire(),
                ["procedureDate"] = registration.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["levels"] = string.Join(",", registration.Levels),
                ["etiology"] = registration.Etiology.ToWire(),
                ["followUpsMissedAtRegistration"] = schedule.Count(f => f.Status == FollowUpStatus.Missed).ToString(CultureInfo.InvariantCulture),
            });
    }
}
