using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A death, a withdrawal or an opt-out ends every survey still to come for the patient, across all the procedures
/// the clinic registered for them: each follow-up not yet answered or missed becomes cancelled (audited).
/// </summary>
internal sealed class PatientSurveysStop(IProcedureStore procedures, IFollowUpStore followUps, FollowUpChanges changes, TimeProvider clock)
{
    /// <summary>Cancels what is still open; returns how many follow-ups it cancelled (0 when all were already final).</summary>
    public async Task<int> StopAsync(string clinicId, string patientRef, PatientEventType reason, AuditActor actor, CancellationToken ct)
    {
        if (!reason.StopsSurveys())
            return 0;
        var cancelled = 0;
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
        {
            if (await procedures.FindAsync(procedureId, ct) is not { } procedure)
                continue;
            foreach (var timePoint in TimePoint.All)
                if (await CancelAsync(procedure.Procedure, new FollowUpId(procedureId, timePoint), reason, actor, ct))
                    cancelled++;
        }
        return cancelled;
    }

    private async Task<bool> CancelAsync(RegisteredProcedure procedure, FollowUpId id, PatientEventType reason, AuditActor actor, CancellationToken ct)
    {
        while (await followUps.GetAsync(id, ct) is { } read)
        {
            var cancelled = read.Record.After(reason);
            if (cancelled.Status == read.Record.Status)
                return false;
            if (await changes.TryAsync(procedure, read, cancelled, actor, "follow-up-cancelled", clock.GetUtcNow(), ct,
                    ("from", read.Record.Status.ToWire()), ("reason", reason.ToWire())))
                return true;
            // changed meanwhile (answered, reminded): decide again on what it is now
        }
        return false;
    }
}
