using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A death, withdrawal, opt-out or new fracture of a procedure's patient, recorded through the API or the procedure's
/// page: checked by <see cref="PatientEventRequest"/> against the procedure day and the clinic's today, stored once
/// (a patient dies once, across all their procedures) with its audit entry; a death, withdrawal or opt-out then
/// cancels every survey still to come for the patient, an opt-out is remembered for the patient's contact, and the
/// report's counts follow. A repeat stores nothing and finishes what a first request cut short (normally nothing).
/// </summary>
internal sealed class PatientEventRecording(
    IClinicStore clinics, IProcedureStore procedures, IPatientEventStore events, PatientSurveysStop surveys, SurveyOptOuts optOuts,
    OutcomeCounting counting, TimeProvider clock)
{
    /// <summary>What came of it: the event recorded now (and how many surveys it cancelled), the one recorded before, or every wrong field.</summary>
    public sealed record Outcome(RecordedPatientEvent? Recorded, RecordedPatientEvent? AlreadyRecorded, IReadOnlyList<Rejection> Rejections, int FollowUpsCancelled)
    {
        /// <summary>The event recorded before is on the day this request gave: the same event sent again, not another day for it.</summary>
        public bool SentAgain { get; init; }
    }

    public async Task<Outcome> RecordAsync(Caller.Clinic caller, ProcedureRecord record, PatientEventRequest request, CancellationToken ct)
    {
        var procedureId = record.Procedure.ProcedureId;
        var clinic = await clinics.FindAsync(caller.ClinicId, ct) ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        var now = clock.GetUtcNow();
        var (patientEvent, rejections) = request.ToEvent(record.Procedure.Registration.ProcedureDate, ClinicCalendar.For(clinic.TimeZone).Calendar!.LocalDate(now));
        if (patientEvent is null)
            return new Outcome(null, null, rejections, 0);

        if (patientEvent.Type == PatientEventType.OptOut && record.Procedure.ContactHeld.Unreadable is { } unreadable)
            return new Outcome(null, null, [ContactUnreadable(unreadable)], 0);

        var patientRef = record.Procedure.Registration.PatientRef;
        var earlierDeath = patientEvent.Type == PatientEventType.Death ? await DeathOfPatientAsync(caller.ClinicId, patientRef, ct) : null;
        var recorded = new RecordedPatientEvent(Guid.NewGuid(), procedureId, patientEvent, now, caller.Actor);
        var (added, stored) = earlierDeath is not null ? (false, earlierDeath) : await events.AddAsync(recorded, PatientEventAudit.Recorded(recorded), ct);
        // Also on a repeat: it finishes what a first request cut short may have left open (normally nothing).
        if (stored.Event.Type == PatientEventType.OptOut)
            await optOuts.RememberAsync(record.Procedure.Registration.Contact.Channels, ct);
        var cancelled = await surveys.StopAsync(caller.ClinicId, patientRef, stored.Event.Type, stored.Event.Date, caller.Actor, ct);
        if (stored.Event.Type == PatientEventType.Death)
            await counting.DiedAsync(caller.ClinicId, patientRef, stored.Event.Date, ct);
        else if (stored.Event.Type == PatientEventType.NewFracture)
            await counting.NewFractureAsync(record.Procedure, stored.EventId.ToString("N"), stored.Event.Levels.Count, ct);
        return added ? new Outcome(stored, null, [], cancelled) : new Outcome(null, stored, [], cancelled) { SentAgain = stored.Event.Date == patientEvent.Date };
    }

    /// <summary>The event <paramref name="eventId"/> of the patient, recorded on any of the procedures the clinic registered for them, or null.</summary>
    public async Task<RecordedPatientEvent?> FindOfPatientAsync(string clinicId, string patientRef, Guid eventId, CancellationToken ct)
    {
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            if ((await events.OfProcedureAsync(procedureId, ct)).FirstOrDefault(e => e.EventId == eventId) is { } found)
                return found;
        return null;
    }

    /// <summary>A death already recorded on any of the clinic's procedures for this patient: a patient dies once.</summary>
    private async Task<RecordedPatientEvent?> DeathOfPatientAsync(string clinicId, string patientRef, CancellationToken ct)
    {
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            if ((await events.OfProcedureAsync(procedureId, ct)).FirstOrDefault(e => e.Event.Type == PatientEventType.Death) is { } death)
                return death;
        return null;
    }

    /// <summary>
    /// An opt-out is remembered for the patient's e-mail address and phone; with the contact unreadable (its key gone from
    /// the settings) there is nothing to remember, and a later registration for the same contact would be surveyed.
    /// </summary>
    public const string ContactUnreadableCode = "contact-unreadable";

    private static Rejection ContactUnreadable(UnreadableContact unreadable) => new(ContactUnreadableCode, "The patient's contact details cannot be read.",
        $"The {unreadable.Reason}, so the opt-out could not be remembered for the patient's e-mail address and phone. Record it once the contact key is back in the settings.",
        "type");
}
