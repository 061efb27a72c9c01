using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A follow-up's change, written once for the timer and for stopped surveys alike: stored with its audit entry in one
/// transaction if the follow-up is still at the version read, then counted in the report's tallies.
/// </summary>
internal sealed class FollowUpChanges(IFollowUpStore followUps, OutcomeCounting counting)
{
    /// <returns>False when the follow-up changed since it was read (or is gone): nothing was written.</returns>
    public async Task<bool> TryAsync(RegisteredProcedure procedure, TrackedFollowUp read, FollowUpRecord changed, AuditActor actor, string action,
        DateTimeOffset now, CancellationToken ct, params (string Field, string Value)[] details)
    {
        var changes = new Dictionary<string, string?> { ["timePoint"] = read.Id.TimePoint.Code, ["status"] = changed.Status.ToWire() };
        foreach (var (field, value) in details)
            changes[field] = value;
        if (!await followUps.TryUpdateAsync(read, changed, new AuditEntry(AuditSubjects.Procedure(read.Id.ProcedureId), now, actor, action, changes), ct))
            return false;
        if (changed.ExcludedAnswer)
        {
            if (await followUps.FindAnswerAsync(read.Id, ct) is { } answer)
                await counting.ExcludedAsync(procedure.TallyKey, read.Id, answer, ct);
        }
        else
            await counting.MovedAsync(procedure.TallyKey, read.Id, read.Record.Status, changed.Status, ct);
        await counting.NeverDueAsync(procedure.TallyKey, read.Id, changed, ct);
        return true;
    }
}
