using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Keeps the report's tallies as things happen. Every count has a marker naming what it counts, so repeating a step
/// (a redelivered message, a retried request, a timer run after a crash) never counts twice. A follow-up is counted
/// under one state at a time: moving it first makes sure its previous state was counted, so a crash between two steps
/// leaves nothing negative and the next attempt completes the move.
/// </summary>
internal sealed class OutcomeCounting(IOutcomeTallies tallies, IProcedureStore procedures)
{
    public async Task ProcedureRegisteredAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct)
    {
        var registration = procedure.Registration;
        var cell = TallyCell.Of(registration);
        await tallies.CountCohortOnceAsync(procedure.ClinicId, cell, $"{procedure.ProcedureId}_registered",
            c => c.AddProcedure(registration, firstOfPatient: false), ct);
        await tallies.CountPatientAsync(procedure.ClinicId, registration.PatientRef, new PatientCell(cell, registration.ProcedureDate, procedure.ProcedureId), ct);
        foreach (var followUp in schedule.Where(f => f.Status != FollowUpStatus.Pending))
            await MovedAsync(procedure.TallyKey, new FollowUpId(procedure.ProcedureId, followUp.TimePoint), FollowUpStatus.Pending, followUp.Status, ct);
    }

    /// <summary>A follow-up moved from one status to another (invited, missed, cancelled; answers go through <see cref="AnsweredAsync"/>).</summary>
    public async Task MovedAsync(TallyKey key, FollowUpId id, FollowUpStatus from, FollowUpStatus to, CancellationToken ct)
    {
        var (fromState, toState) = (TimePointTally.StateOf(from), TimePointTally.StateOf(to));
        if (fromState == toState || to == FollowUpStatus.Pending)
            return;
        if (from != FollowUpStatus.Pending)
            await MovedAsync(key, id, FollowUpStatus.Pending, from, ct);
        await tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, id.TimePoint, Marker(id, toState), t => t.Move(from, to), ct);
    }

    /// <summary>
    /// The answer stored for a follow-up, counted with its move to answered. Where it stood before is normally counted
    /// already, and the same transaction checks that; only when it is not (a crash between a change and its count) is it
    /// counted first. An answer is one observation at its time point: one invitation's answer stored on each follow-up
    /// it covered counts as an answer on each, but its pain and medication once, on the follow-up it was given for when
    /// the others are at the same time point. Its patient is counted once per time point, with the first observation.
    /// </summary>
    public async Task AnsweredAsync(TallyKey key, FollowUpId id, FollowUpAnswer stored, CancellationToken ct)
    {
        var from = stored.Before ?? FollowUpStatus.Invited;
        var marker = Marker(id, FollowUpStatus.Answered.ToWire());
        var observation = IsObservation(id, stored);
        var beside = observation
            ? Task.WhenAll(PatientReportedAsync(key, stored.Answers, ct), AnsweringPatientAsync(key, id.TimePoint, ct))
            : Task.CompletedTask;   // beside the answer's count, in the same group when it can
        Action<TimePointTally> change = t =>
        {
            t.Move(from, FollowUpStatus.Answered);
            if (observation)
                t.AddAnswer(key.Baseline, stored.Answers);
        };
        if (from == FollowUpStatus.Pending)
            await tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, id.TimePoint, marker, change, ct);
        else if (await tallies.CountTimePointAfterAsync(key.ClinicId, key.Cell, id.TimePoint, marker, Marker(id, TimePointTally.StateOf(from)), change, ct)
                 == TallyCount.NotAfter)
        {
            await MovedAsync(key, id, FollowUpStatus.Pending, from, ct);
            await tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, id.TimePoint, marker, change, ct);
        }
        await beside;
    }

    /// <summary>
    /// Whether the answer stored on this follow-up counts as an observation here, as decided when it was stored (a row
    /// from before that: unless it is another follow-up's answer at the same time point).
    /// </summary>
    private static bool IsObservation(FollowUpId id, FollowUpAnswer stored) =>
        stored.Observation ?? (stored.ReceivedFor == id || stored.ReceivedFor.TimePoint != id.TimePoint);

    /// <summary>
    /// An answer given after the day a death, withdrawal or opt-out took effect, recorded once the answer was stored: it
    /// is counted first if it was not yet (so there is something to take back), then the follow-up moves from answered
    /// to cancelled and the answer leaves the figures, once. The patient stays counted among those who answered at the
    /// time point and who reported a new fracture (those counts are per patient, over all their answers).
    /// </summary>
    public async Task ExcludedAsync(TallyKey key, FollowUpId id, FollowUpAnswer stored, CancellationToken ct)
    {
        await AnsweredAsync(key, id, stored, ct);
        var observation = IsObservation(id, stored);
        await tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, id.TimePoint, Marker(id, "excluded"), t =>
        {
            t.Move(FollowUpStatus.Answered, FollowUpStatus.Cancelled);
            if (observation)
                t.RemoveAnswer(key.Baseline, stored.Answers);
        }, ct);
    }

    /// <summary>The patient among those answering at the time point, once per clinic (what suppression counts).</summary>
    private Task AnsweringPatientAsync(TallyKey key, TimePoint timePoint, CancellationToken ct) =>
        key.Patient is { } patient
            ? tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, timePoint, $"{patient}_{timePoint.Code}_answering", t => t.Patients++, ct)
            : Task.CompletedTask;

    /// <summary>
    /// A follow-up cancelled before its window opened is never due: counted by its procedure's day, once (also when an
    /// earlier-dated event makes an existing cancellation one).
    /// </summary>
    public Task NeverDueAsync(TallyKey key, FollowUpId id, FollowUpRecord record, CancellationToken ct) =>
        record.NeverDue && key.ProcedureDay is { } day
            ? tallies.CountTimePointOnceAsync(key.ClinicId, key.Cell, id.TimePoint, Marker(id, "never-due"), t => t.NotDueByDay[day - 1]++, ct)
            : Task.CompletedTask;

    private static string Marker(FollowUpId id, string state) => $"{id.ProcedureId}_{id.TimePoint.Code}_{state}";

    /// <summary>Makes sure a final follow-up is counted where it ended (the timer calls this before it forgets the follow-up).</summary>
    public async Task SettledAsync(TallyKey key, FollowUpId id, FollowUpRecord record, FollowUpAnswer? answer, CancellationToken ct)
    {
        if (record.ExcludedAnswer)
        {
            if (answer is not null)
                await ExcludedAsync(key, id, answer, ct);
        }
        else if (record.Status == FollowUpStatus.Answered && answer is not null)
            await AnsweredAsync(key, id, answer, ct);
        else if (record.FollowUp.Status.IsFinal() && !(record.Status == FollowUpStatus.Cancelled && await MovedFromMissedAsync(key, id, ct)))
            await MovedAsync(key, id, record.InvitedOn is null ? FollowUpStatus.Pending : FollowUpStatus.Invited, record.FollowUp.Status, ct);
        await NeverDueAsync(key, id, record, ct);
    }

    /// <summary>
    /// A survey missed in a window that opened after a death recorded later, then cancelled: moved from missed once.
    /// False when it was never counted missed (then it moved from open or pending).
    /// </summary>
    private async Task<bool> MovedFromMissedAsync(TallyKey key, FollowUpId id, CancellationToken ct) =>
        await tallies.CountTimePointAfterAsync(key.ClinicId, key.Cell, id.TimePoint, Marker(id, "cancelled"), Marker(id, FollowUpStatus.Missed.ToWire()),
            t => t.Move(FollowUpStatus.Missed, FollowUpStatus.Cancelled), ct) != TallyCount.NotAfter;

    /// <summary>
    /// The patient died: counted once per patient when it was within 30 days after one of their procedures, in the cell
    /// of the latest such procedure (30-day mortality is per patient).
    /// </summary>
    public async Task DiedAsync(string clinicId, string patientRef, DateOnly died, CancellationToken ct)
    {
        PatientCell? latest = null;
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
        {
            if (await procedures.FindRegisteredAsync(procedureId, ct, withContact: false) is not { Registration: var registration }
                || !CohortTally.IsEarlyDeath(registration.ProcedureDate, died))
                continue;
            var candidate = new PatientCell(TallyCell.Of(registration), registration.ProcedureDate, procedureId);
            if (latest is null || latest.ComesBefore(candidate))
                latest = candidate;
        }
        if (latest is { } where)
            await tallies.CountCohortOnceAsync(clinicId, where.Cell, $"{PatientKey.Of(clinicId, patientRef)}_early_death", c => c.AddEarlyDeath(where.ProcedureDate), ct);
    }

    /// <summary>
    /// A new vertebral fracture reported for a procedure (by event id, so a report is counted once); its patient is
    /// counted once among the patients with a new fracture, whichever of their procedures the reports are made on.
    /// </summary>
    public async Task NewFractureAsync(RegisteredProcedure procedure, string eventId, int levels, CancellationToken ct)
    {
        var cell = TallyCell.Of(procedure.Registration);
        var patient = PatientKey.Of(procedure.ClinicId, procedure.Registration.PatientRef);
        await tallies.CountCohortOnceAsync(procedure.ClinicId, cell, $"{patient}_fractured", c => c.PatientsWithNewFracture++, ct);
        await tallies.CountCohortOnceAsync(procedure.ClinicId, cell, $"{patient}_fractured_any", c => c.PatientsWithAnyNewFracture++, ct);
        await tallies.CountCohortOnceAsync(procedure.ClinicId, cell, $"{procedure.ProcedureId}_fracture_{eventId}", c => c.AddNewFractures(levels), ct);
    }

    /// <summary>
    /// What the patient's answer says of a new fracture, counted once per patient ("yes" also among the patients with a
    /// new fracture from either source, the clinic's record or their own).
    /// </summary>
    private Task PatientReportedAsync(TallyKey key, SurveyAnswers answers, CancellationToken ct)
    {
        if (key.Patient is not { } patient)
            return Task.CompletedTask;
        return answers.NewFracture switch
        {
            NewFractureAnswer.Yes => Task.WhenAll(
                tallies.CountCohortOnceAsync(key.ClinicId, key.Cell, $"{patient}_reported_fracture", c => c.PatientsReportingNewFracture++, ct),
                tallies.CountCohortOnceAsync(key.ClinicId, key.Cell, $"{patient}_fractured_any", c => c.PatientsWithAnyNewFracture++, ct)),
            NewFractureAnswer.Unsure =>
                tallies.CountCohortOnceAsync(key.ClinicId, key.Cell, $"{patient}_unsure_fracture", c => c.PatientsUnsureOfNewFracture++, ct),
            _ => Task.CompletedTask,
        };
    }
}
