using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A death, a withdrawal or an opt-out ends every survey still to come for the patient, across all the procedures
/// the clinic registered for them: each follow-up not yet answered or missed becomes cancelled (audited).
/// </summary>
internal sealed class PatientSurveysStop(IProcedureStore procedures, IFollowUpStore followUps, IAuditTrail audit, OutcomeCounting counting, TimeProvider clock)
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
            var status = read.Record.FollowUp.Status.After(reason);
            if (status == read.Record.FollowUp.Status)
                return false;
            if (!await followUps.TryUpdateAsync(read, read.Record with { FollowUp = read.Record.FollowUp with { Status = status } }, ct))
                continue;   // changed meanwhile (answered, reminded): decide again on what it is now
            await counting.MovedAsync(procedure, id, read.Record.FollowUp.Status, status, ct);
            await audit.AppendAsync(new AuditEntry(AuditSubjects.Procedure(id.ProcedureId), clock.GetUtcNow(), actor, "follow-up-cancelled",
                new Dictionary<string, string?>
                {
                    ["timePoint"] = id.TimePoint.Code,
                    ["from"] = read.Record.FollowUp.Status.ToWire(),
                    ["reason"] = reason.ToWire(),
                }), ct);
            return true;
        }
        return false;
    }
}
