using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A death, a withdrawal or an opt-out ends every survey still to come for the patient, across all the procedures
/// the clinic registered for them: each follow-up not yet answered or missed becomes cancelled as of the event's day
/// (audited); an answer the patient gave by that day is still kept when it arrives later.
/// </summary>
internal sealed class PatientSurveysStop(IProcedureStore procedures, IFollowUpStore followUps, IClinicStore clinics, FollowUpChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Cancels what is still open as of <paramref name="asOf"/> (null: the clinic's today, for an opt-out asked for now);
    /// returns how many follow-ups it cancelled (0 when all were already final).
    /// </summary>
    public async Task<int> StopAsync(string clinicId, string patientRef, PatientEventType reason, DateOnly? asOf, AuditActor actor, CancellationToken ct)
    {
        if (!reason.StopsSurveys())
            return 0;
        var effective = asOf ?? await ClinicTodayAsync(clinicId, ct);
        var cancelled = 0;
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            if (await procedures.FindAsync(procedureId, ct) is { } procedure)
                cancelled += await StopProcedureAsync(procedure.Procedure, reason, effective, actor, ct);
        return cancelled;
    }

    /// <summary>Cancels what is still open of one procedure as of <paramref name="asOf"/>; how many follow-ups it cancelled.</summary>
    public async Task<int> StopProcedureAsync(RegisteredProcedure procedure, PatientEventType reason, DateOnly asOf, AuditActor actor, CancellationToken ct)
    {
        var cancelled = 0;
        foreach (var timePoint in TimePoint.All)
            if (await CancelAsync(procedure, new FollowUpId(procedure.ProcedureId, timePoint), reason, asOf, actor, ct))
                cancelled++;
        return cancelled;
    }

    /// <summary>The clinic's today (UTC's when the clinic has no usable time zone).</summary>
    public async Task<DateOnly> ClinicTodayAsync(string clinicId, CancellationToken ct) =>
        ClinicCalendar.For((await clinics.FindAsync(clinicId, ct))?.TimeZone).Calendar?.LocalDate(clock.GetUtcNow())
            ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<bool> CancelAsync(RegisteredProcedure procedure, FollowUpId id, PatientEventType reason, DateOnly asOf, AuditActor actor, CancellationToken ct)
    {
        while (await followUps.GetAsync(id, ct) is { } read)
        {
            var cancelled = read.Record.After(reason, asOf);
            if (cancelled == read.Record)
                return false;
            if (await changes.TryAsync(procedure, read, cancelled, actor, "follow-up-cancelled", clock.GetUtcNow(), ct,
                    ("from", read.Record.Status.ToWire()), ("reason", reason.ToWire()), ("asOf", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))))
                return true;
            // changed meanwhile (answered, reminded): decide again on what it is now
        }
        return false;
    }
}
