using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Worklist;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>An item on a clinic's worklist with the procedure it is about, and when a red flag was raised.</summary>
internal sealed record WorklistEntry(WorklistItem Item, RegisteredProcedure Procedure, DateTimeOffset? RaisedAt);

/// <summary>
/// What needs a person at the clinic today: the red flags its patients' answers raised and not yet handled, and from the
/// calendar the open surveys closing soon with their reminders spent and the surveys missed in the last week. The
/// calendar's items are found through the clinic's follow-up index by the due dates of windows closing on those days,
/// so the list costs what is on it, not what the clinic ever registered. It shows no contact, so it decrypts none.
/// </summary>
internal sealed class ClinicWorklist(IWorklistStore store, IProcedureListing listing, IProcedureStore procedures, IAuditTrail audit)
{
    private const int PageSize = 200;

    /// <summary>
    /// The red flags the answer stored on follow-up <paramref name="id"/> raises, put on the worklist once; returns those
    /// still open (a flag someone handled already is not raised again by a redelivery), with the procedure's clinic. The procedure and its earlier
    /// answers are read only when the flags can depend on them (<see cref="RedFlags.NeedsHistory"/>); otherwise the
    /// follow-up's own row says the clinic and the baseline pain.
    /// </summary>
    public async Task<(string ClinicId, IReadOnlyList<RedFlag> Open)> RaiseAsync(FollowUpId id, TallyKey? counted, SurveyAnswers answer, DateTimeOffset now,
        CancellationToken ct)
    {
        string clinicId;
        Baseline baseline;
        IReadOnlyDictionary<TimePoint, SurveyAnswers> earlier;
        if (counted is null || RedFlags.NeedsHistory(id.TimePoint, answer))
        {
            if (await procedures.FindAnswersAsync(id.ProcedureId, ct) is not { } record)
                return ("", []);
            (clinicId, baseline) = (record.Procedure.ClinicId, record.Procedure.Registration.Baseline);
            earlier = record.Answers
                .Select(a => (Known: TimePoint.TryParse(a.Key, out var t), TimePoint: t, a.Value.Answers))
                .Where(a => a.Known && a.TimePoint != id.TimePoint)
                .ToDictionary(a => a.TimePoint!, a => a.Answers);
        }
        else   // the medications at baseline and the earlier answers are not compared with: not read
            (clinicId, baseline, earlier) = (counted.ClinicId, new Baseline(counted.Baseline, []), new Dictionary<TimePoint, SurveyAnswers>());
        var open = new List<RedFlag>();
        foreach (var flag in RedFlags.Raised(id.ProcedureId, baseline, earlier, id.TimePoint, answer))
            if (await store.RaiseAsync(clinicId, new RaisedFlag(flag, now), ct))
                open.Add(flag);
        return (clinicId, open);
    }

    /// <summary>
    /// Marks the clinic's item handled by the caller's key and audits it on the procedure, once; null when the item is not
    /// on the clinic's worklist (today, in its calendar) nor handled before, so that no mark waits for a flag to come.
    /// Returns the mark that stands (the first) and whether this call made it. A retry after a mark whose audit entry
    /// did not land writes that entry.
    /// </summary>
    public async Task<(HandledMark Mark, bool First)?> MarkHandledAsync(Caller.Clinic caller, string itemId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (!WorklistItemId.TryParse(itemId, out var id) || await OwnProcedure.FindAsync(caller, procedures, id.ProcedureId, ct, withContact: false) is not { } record)
            return null;
        var before = (await store.HandledAsync(caller.ClinicId, [id], ct)).GetValueOrDefault(id);
        var onTheList = id.Kind.IsRedFlag()
            ? await store.IsOpenAsync(caller.ClinicId, id, ct)
            : FollowUpWorklist.Items(id.ProcedureId, record.FollowUps, today).Any(i => i.Id == id);
        if (before is null && !onTheList)
            return null;
        var mark = before ?? new HandledMark($"clinic-key:{caller.KeyId}", now);
        var first = before is null && await store.MarkHandledAsync(caller.ClinicId, id, mark, ct);
        if (!first && before is null)   // another request marked it between the two reads: its mark stands
            mark = (await store.HandledAsync(caller.ClinicId, [id], ct)).GetValueOrDefault(id) ?? mark;
        var subject = AuditSubjects.Procedure(id.ProcedureId);
        if (first || !(await audit.ReadAsync(subject, ct)).Any(e => e.Action == "worklist-item-handled" && e.Changes.GetValueOrDefault("item") == id.Value))
            await audit.AppendAsync(new AuditEntry(subject, mark.At, caller.Actor, "worklist-item-handled",
                new Dictionary<string, string?> { ["item"] = id.Value, ["kind"] = id.Kind.ToWire(), ["timePoint"] = id.TimePoint.Code }), ct);
        return (mark, first);
    }

    public async Task<IReadOnlyList<WorklistEntry>> OpenAsync(string clinicId, DateOnly today, CancellationToken ct)
    {
        var found = new Dictionary<WorklistItemId, (WorklistItem Item, RegisteredProcedure Procedure, DateTimeOffset? RaisedAt)>();
        foreach (var record in await CalendarCandidatesAsync(clinicId, today, ct))
            foreach (var item in FollowUpWorklist.Items(record.Procedure.ProcedureId, record.FollowUps, today))
                found.TryAdd(item.Id, (item, record.Procedure, null));
        foreach (var raised in await store.OpenFlagsAsync(clinicId, ct))
            if (await procedures.FindAsync(raised.Flag.ProcedureId, ct, withContact: false) is { } record && record.Procedure.ClinicId == clinicId)
                found.TryAdd(raised.Flag.Id, (raised.Flag, record.Procedure, raised.RaisedAt));
        // Red flags too: a mark whose open row was not yet taken away (a process that stopped in between) still hides it.
        var handled = await store.HandledAsync(clinicId, found.Keys, ct);
        return [.. WorklistHandling.StillOpen(found.Values.Select(f => f.Item), handled).Select(i => new WorklistEntry(i, found[i.Id].Procedure, found[i.Id].RaisedAt))];
    }

    /// <summary>The procedures with a follow-up open and closing within the call horizon, or closed within the missed one.</summary>
    private async Task<IReadOnlyList<ProcedureRecord>> CalendarCandidatesAsync(string clinicId, DateOnly today, CancellationToken ct)
    {
        var searches = new List<(FollowUpStatus Status, TimePoint TimePoint, (DateOnly From, DateOnly To)? Due)>();
        foreach (var timePoint in TimePoint.All)
        {
            var closingSoon = FollowUpSchedule.DueWhenClosing(timePoint, today.AddDays(1), today.AddDays(FollowUpWorklist.CallWhenDaysLeft));
            var closedLately = FollowUpSchedule.DueWhenClosing(timePoint, today.AddDays(1 - FollowUpWorklist.MissedShownForDays), today);
            foreach (var status in new[] { FollowUpStatus.Invited, FollowUpStatus.Reminded })
                searches.Add((status, timePoint, closingSoon));
            // A survey whose window closed is missed, or still open on record until the timer's next run marks it.
            foreach (var status in new[] { FollowUpStatus.Missed, FollowUpStatus.Pending, FollowUpStatus.Invited, FollowUpStatus.Reminded })
                searches.Add((status, timePoint, closedLately));
        }
        var records = new Dictionary<string, ProcedureRecord>();
        foreach (var (status, timePoint, due) in searches)
        {
            if (due is not { } range)
                continue;
            var filter = new FollowUpFilter(status, timePoint, range.From, range.To);
            string? continuation = null;
            do
            {
                var page = await listing.ListAsync(clinicId, filter, null, PageSize, continuation, ct);
                foreach (var record in page.Procedures)
                    records.TryAdd(record.Procedure.ProcedureId, record);
                continuation = page.Continuation;
            } while (continuation is not null);
        }
        return [.. records.Values];
    }
}
