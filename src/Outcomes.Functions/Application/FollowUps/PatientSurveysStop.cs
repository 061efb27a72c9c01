using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A death, a withdrawal or an opt-out ends every survey still to come for the patient, across all the procedures
/// the clinic registered for them: each follow-up not yet answered or missed becomes cancelled as of the event's day
/// (audited); an answer the patient gave by that day is still kept when it arrives later, and one stored already but
/// given after that day is not kept (the follow-up is cancelled, the audit says which answer left the outcomes). A
/// follow-up found cancelled already has its count completed, so a repeated request finishes what a first one cut short.
/// </summary>
internal sealed class PatientSurveysStop(
    IProcedureStore procedures, IFollowUpStore followUps, IClinicStore clinics, FollowUpChanges changes, OutcomeCounting counting, TimeProvider clock)
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
            if (read.Record.Status == FollowUpStatus.Cancelled)   // its marker keeps a count already written from being written again
                await counting.SettledAsync(procedure.TallyKey, id, read.Record, read.Record.ExcludedAnswer ? await followUps.FindAnswerAsync(id, ct) : null, ct);
            var cancelled = read.Record.After(reason, asOf);
            if (cancelled == read.Record)
                return false;
            (string, string)[] details = [("from", read.Record.Status.ToWire()), ("reason", reason.ToWire()), ("asOf", Day(asOf))];
            if (cancelled.ExcludedAnswer && read.Record.Status == FollowUpStatus.Answered)
                details = [.. details, ("answerExcluded", Day(cancelled.AnsweredOn!.Value))];   // given after the day the event took effect
            if (await changes.TryAsync(procedure, read, cancelled, actor, "follow-up-cancelled", clock.GetUtcNow(), ct, details))
                return true;
            // changed meanwhile (answered, reminded): decide again on what it is now
        }
        return false;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
