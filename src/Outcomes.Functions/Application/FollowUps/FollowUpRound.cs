using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>What one timer run did: the invitation messages to send and what it counted.</summary>
internal sealed record FollowUpRoundResult(IReadOnlyList<SurveyInvitationMessage> Messages, int Invited, int Reminded, int Missed, int Retired, int Requeued, int OptedOut,
    int Unreadable);

/// <summary>
/// One run of the follow-up timer. It reads the due index up to a week ahead (not every procedure, nor what waits for an
/// answer: an invited follow-up whose message is out is put off to its next reminder or its close), and per follow-up
/// asks <see cref="ReminderRule"/> what today calls for in the clinic's calendar: invite, remind, mark missed. A patient's
/// follow-ups due within one week share one invitation (<see cref="InvitationBatching"/>), led by the one whose window
/// closes last. Messages go out only in the clinic's daytime. Every change is a conditional update of the version read,
/// so of two overlapping runs only one claims a follow-up, and only the claimer sends. A claim promises its message in
/// the same write (<see cref="SurveyMessage"/>); one not handed out by the next run is queued again, and no reminder is
/// claimed while a message waits for its delivery. Before anything is sent, the contact is looked up among the opt-outs
/// (an opt-out may arrive after registration, or come from another clinic's patient with the same contact): an opted-out
/// procedure is cancelled as of today instead (<see cref="SurveyOptOuts.HonourAsync"/>). A contact that cannot be read
/// (sealed under a key no longer configured) is sent nothing and claimed for nothing: each run logs an error naming the
/// procedure and counts it, the other patients go on, and once the key is configured again the next run sends.
/// </summary>
internal sealed class FollowUpRound(IFollowUpStore followUps, IProcedureStore procedures, IClinicStore clinics, FollowUpChanges changes, OutcomeCounting counting,
    SurveyOptOuts optOuts, ILogger<FollowUpRound> log)
{
    private static readonly AuditActor Timer = AuditActor.System(nameof(SendFollowUpSurveys));

    private sealed record Candidate(DueFollowUp Due, TrackedFollowUp Read, ClinicCalendar Calendar, RegisteredProcedure Procedure);

    public async Task<FollowUpRoundResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var messages = new List<SurveyInvitationMessage>();
        var (invited, reminded, missed, retired, requeued, optedOut) = (0, 0, 0, 0, 0, 0);
        var unreadable = new HashSet<string>();
        var calendars = new Dictionary<string, ClinicCalendar?>();
        var procedureCache = new Dictionary<string, RegisteredProcedure?>();
        var optedOutCache = new Dictionary<string, bool>();
        var candidates = new List<Candidate>();
        var joined = new HashSet<FollowUpId>();

        // Clinics east of UTC are a day ahead, and a group is formed from follow-ups due up to six days ahead.
        var latestToday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        await foreach (var entry in followUps.OutstandingAsync(latestToday.AddDays(InvitationBatching.SameWeekDays - 1), latestToday, ct))
        {
            if (await ProcedureAsync(entry.Id.ProcedureId) is not { } procedure || await followUps.GetAsync(entry.Id, ct) is not { } read)
                continue;   // a registration still being written, or one that failed half-way: nothing to send
            if (await CalendarAsync(procedure.ClinicId) is not { } calendar)
                continue;
            var record = read.Record;
            if (record.FollowUp.Status.IsFinal())
            {
                // Before it is forgotten: make sure the tallies hold where it ended (a crash may have cut a step short).
                var answer = record.AnsweredOn is not null ? await followUps.FindAnswerAsync(read.Id, ct) : null;
                if (record.AnsweredOn is not null && answer is null)
                    continue;   // its answer is still being written: not to be counted without it, next run
                await counting.SettledAsync(procedure.TallyKey, read.Id, record, answer, ct);
                await followUps.RetireAsync(entry, ct);
                retired++;
                continue;
            }
            var today = calendar.LocalDate(now);
            var cannotRead = procedure.ContactHeld.Unreadable;
            var reachable = cannotRead is not null || procedure.Registration.Contact is not { Email: null, Phone: null };
            var action = ReminderRule.Decide(record.Progress, today);
            var sends = reachable && action != FollowUpAction.MarkMissed
                && (record.InvitedWith is null && (record.Unsent is not null || action is FollowUpAction.Remind)
                    || action == FollowUpAction.Invite
                    || action == FollowUpAction.Nothing && record.FollowUp.Status == FollowUpStatus.Pending
                       && record.FollowUp.Due <= today.AddDays(InvitationBatching.SameWeekDays - 1));
            if (sends && cannotRead is not null)
            {
                if (unreadable.Add(read.Id.ProcedureId))
                    log.LogError("Nothing is sent for procedure {ProcedureId}: its contact details cannot be read (key id {KeyId}, configured: {KeyConfigured}). " +
                        "Configure that key in {Setting} again, or correct the contact.", read.Id.ProcedureId, cannotRead.KeyId ?? "none", cannotRead.KeyConfigured, ContactCipher.Setting);
                continue;
            }
            if (sends && await OptedOutAsync(procedure))
            {
                optedOut += await optOuts.HonourAsync(procedure, today, ct);
                continue;
            }
            if (action == FollowUpAction.Nothing && record.Unsent is null && ReminderRule.NextActionAfter(record.Progress, today) is { } next)
            {
                await followUps.PutOffAsync(entry, next, ct);   // invited, its message out: nothing to do before its next reminder or its close
                continue;
            }
            if (action != FollowUpAction.MarkMissed && record.InvitedWith is null && record.Unsent is { } stranded)
            {
                // Claimed by a run that died before its messages were queued (or whose host died sending them), or still on
                // its way: queue it again; a second copy is handed out as nothing. A run that died between claiming a
                // shared invitation's lead and the others left them pending: they join this invitation, not one of their own.
                foreach (var coveredId in record.Covers ?? [])
                    if (await JoinAsync(coveredId, read, today))
                        joined.Add(coveredId);
                if (calendar.IsDaytime(now) && await changes.TryAsync(procedure, read, record.Requeued(now), Timer, "follow-up-message-requeued", now, ct,
                        ("invitationId", record.InvitationId!), ("message", stranded.Describe())))
                {
                    messages.Add(new SurveyInvitationMessage(record.InvitationId!, read.Id.Value, stranded.Reminder));
                    requeued++;
                }
                continue;
            }
            switch (action)
            {
                case FollowUpAction.RecordMissed:
                    if (await changes.TryAsync(procedure, read, record.MarkMissed(), Timer, "follow-up-missed", now, ct))
                    {
                        await followUps.RetireAsync(entry, ct);
                        missed++;
                    }
                    break;
                case FollowUpAction.Remind remind when record.InvitedWith is null && reachable && calendar.IsDaytime(now):
                    if (await changes.TryAsync(procedure, read, record.Remind(remind.Number, today).ToSend(remind.Number, now), Timer, "follow-up-reminded", now, ct,
                            ("reminder", remind.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                    {
                        messages.Add(new SurveyInvitationMessage(record.InvitationId ?? Guid.NewGuid().ToString("N"), read.Id.Value, remind.Number));
                        reminded++;
                    }
                    break;
                case FollowUpAction.SendInvitation when reachable:
                case FollowUpAction.DoNothing when reachable && record.FollowUp.Status == FollowUpStatus.Pending
                                                 && record.FollowUp.Due <= today.AddDays(InvitationBatching.SameWeekDays - 1):
                    candidates.Add(new Candidate(
                        new DueFollowUp(procedure.ClinicId, procedure.Registration.PatientRef, read.Id.ProcedureId, read.Id.TimePoint, record.FollowUp.Due),
                        read, calendar, procedure));
                    break;
            }
        }

        candidates.RemoveAll(c => joined.Contains(c.Read.Id));
        var byDue = candidates.ToDictionary(c => new FollowUpId(c.Due.ProcedureId, c.Due.TimePoint));
        foreach (var group in InvitationBatching.Group(candidates.Select(c => c.Due)))
        {
            var members = group.FollowUps.Select(f => byDue[new FollowUpId(f.ProcedureId, f.TimePoint)]).ToList();
            var calendar = members[0].Calendar;
            if (group.SendOn > calendar.LocalDate(now) || !calendar.IsDaytime(now))
                continue;
            if (await ClaimAsync(members, calendar.LocalDate(now), now, ct) is { } message)
            {
                messages.Add(message);
                invited += members.Count;
            }
        }
        return new FollowUpRoundResult(messages, invited, reminded, missed, retired, requeued, optedOut, unreadable.Count);

        // A follow-up the lead's invitation covers, still pending: claimed as covered by it (invited with the lead).
        async Task<bool> JoinAsync(FollowUpId id, TrackedFollowUp lead, DateOnly today) =>
            await followUps.GetAsync(id, ct) is { Record.Status: FollowUpStatus.Pending } pending && await ProcedureAsync(id.ProcedureId) is { } covering
            && await changes.TryAsync(covering, pending, pending.Record.Invite(today, lead.Record.InvitationId!, invitedWith: lead.Id), Timer,
                "follow-up-invited", now, ct, ("invitationId", lead.Record.InvitationId!), ("invitedWith", lead.Id.Value));

        async Task<RegisteredProcedure?> ProcedureAsync(string id) =>
            procedureCache.TryGetValue(id, out var p) ? p : procedureCache[id] = await procedures.FindRegisteredAsync(id, ct);

        async Task<bool> OptedOutAsync(RegisteredProcedure procedure) =>
            optedOutCache.TryGetValue(procedure.ProcedureId, out var known) ? known
                : optedOutCache[procedure.ProcedureId] = await optOuts.IsOptedOutAsync(procedure.Registration.Contact, ct);

        async Task<ClinicCalendar?> CalendarAsync(string clinicId)
        {
            if (!calendars.TryGetValue(clinicId, out var calendar))
                calendars[clinicId] = calendar = await clinics.FindAsync(clinicId, ct) is { } clinic ? ClinicCalendar.For(clinic.TimeZone).Calendar : null;
            return calendar;
        }
    }

    /// <summary>Claims the lead, then the others; null if another run claimed the lead first (then it sends, not this run).</summary>
    private async Task<SurveyInvitationMessage?> ClaimAsync(IReadOnlyList<Candidate> members, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var lead = members.MaxBy(m => m.Read.Record.FollowUp.Window.ClosesBefore)!;
        var others = members.Where(m => m != lead).ToList();
        var invitationId = Guid.NewGuid().ToString("N");
        var leadRecord = lead.Read.Record.Invite(today, invitationId, covers: others.Select(o => o.Read.Id).ToList()).ToSend(0, now);
        if (!await changes.TryAsync(lead.Procedure, lead.Read, leadRecord, Timer, "follow-up-invited", now, ct, ("invitationId", invitationId)))
            return null;
        foreach (var other in others)
            await changes.TryAsync(other.Procedure, other.Read, other.Read.Record.Invite(today, invitationId, invitedWith: lead.Read.Id), Timer, "follow-up-invited", now, ct,
                ("invitationId", invitationId), ("invitedWith", lead.Read.Id.Value));
        return new SurveyInvitationMessage(invitationId, lead.Read.Id.Value, null);
    }
}
