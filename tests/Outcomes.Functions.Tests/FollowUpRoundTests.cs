using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The timer against real tables. Each test has its own clinic; the clock starts at 2026-03-01 09:00 UTC (10:00 in
/// Amsterdam), and a procedure on 2026-02-22 has its one-week survey due that day, open until before 2026-03-22.
/// </summary>
public sealed class FollowUpRoundTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> RegisterDueTodayAsync(string patientRef = "NSC-0001", string timeZone = "Europe/Amsterdam")
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync(timeZone: timeZone);
        return (clinic, await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patientRef)));
    }

    private async Task<List<SurveyInvitationMessage>> MessagesForAsync(string procedureId, string timePoint = "") =>
        (await app.RunTimerAsync()).Where(m => m.FollowUpId.StartsWith(procedureId + "_" + timePoint, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_due_follow_up_is_invited_once_with_ids_only_and_a_second_run_sends_nothing()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();

        var first = await MessagesForAsync(procedureId);
        var second = await MessagesForAsync(procedureId);

        var message = Assert.Single(first);
        Assert.Equal($"{procedureId}_1w", message.FollowUpId);
        Assert.Null(message.Reminder);
        Assert.DoesNotContain("example.org", message.ToQueueText());
        Assert.DoesNotContain("NSC-0001", message.ToQueueText());
        Assert.Empty(second);
        var followUp = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        Assert.Equal(FollowUpStatus.Invited, followUp.FollowUp.Status);
        Assert.Equal(message.InvitationId, followUp.InvitationId);
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(procedureId, TimePoint.OneMonth))!.Record.FollowUp.Status);
    }

    [Fact]
    public async Task Overlapping_runs_send_one_invitation_between_them()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.RunTimerAsync(deliver: false)));
        var messages = runs.SelectMany(r => r).Where(m => m.FollowUpId.StartsWith(procedureId, StringComparison.Ordinal)).ToList();
        var delivered = await Task.WhenAll(messages.Select(m => app.DeliverAsync(m, Guid.NewGuid().ToString("N"))));

        Assert.Single(messages.Select(m => m.InvitationId).Distinct());   // one claim; a run that found it unsent queued it again
        Assert.Single(delivered, d => d["Outputs"]!.AsObject().Count > 0);
    }

    [Fact]
    public async Task Invitations_wait_for_the_clinics_daytime()
    {
        var (_, procedureId) = await RegisterDueTodayAsync(timeZone: "America/New_York");   // 04:00 there

        Assert.Empty(await MessagesForAsync(procedureId));
        app.Clock.Now = Start.AddHours(5);   // 09:00 in New York
        Assert.Single(await MessagesForAsync(procedureId));
    }

    [Fact]
    public async Task Two_procedures_of_one_patient_due_in_the_same_week_get_one_invitation_once_both_are_due()
    {
        var (clinic, first) = await RegisterDueTodayAsync("NSC-0077");
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-25", "NSC-0077"));   // its 1w is due 2026-03-04

        Assert.DoesNotContain(await app.RunTimerAsync(), m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second));
        app.Clock.Now = Start.AddDays(3);
        var messages = (await app.RunTimerAsync()).Where(m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second)).ToList();

        var message = Assert.Single(messages);
        var lead = (await app.FollowUpAsync(second, TimePoint.OneWeek))!.Record;   // its window closes later
        var other = (await app.FollowUpAsync(first, TimePoint.OneWeek))!.Record;
        Assert.Equal($"{second}_1w", message.FollowUpId);
        Assert.Equal([$"{first}_1w"], lead.Covers!.Select(c => c.Value));
        Assert.Equal(FollowUpStatus.Invited, other.FollowUp.Status);
        Assert.Equal($"{second}_1w", other.InvitedWith!.Value);
    }

    [Fact]
    public async Task An_unanswered_survey_gets_two_reminders_on_their_days_then_is_missed()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        Assert.Single(await MessagesForAsync(procedureId, "1w"));

        app.Clock.Now = Start.AddDays(6);
        Assert.Empty(await MessagesForAsync(procedureId, "1w"));
        app.Clock.Now = Start.AddDays(7);
        var reminder = Assert.Single(await MessagesForAsync(procedureId, "1w"));
        Assert.Equal(1, reminder.Reminder);
        Assert.Empty(await MessagesForAsync(procedureId, "1w"));   // the same day again: nothing
        app.Clock.Now = Start.AddDays(14);
        Assert.Equal(2, Assert.Single(await MessagesForAsync(procedureId, "1w")).Reminder);
        app.Clock.Now = Start.AddDays(20);
        Assert.Empty(await MessagesForAsync(procedureId, "1w"));
        app.Clock.Now = Start.AddDays(21);
        Assert.Empty(await MessagesForAsync(procedureId, "1w"));

        var followUp = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        Assert.Equal(FollowUpStatus.Missed, followUp.FollowUp.Status);
        Assert.Equal(2, followUp.RemindersSent);
        var outstanding = await app.Service<IFollowUpStore>().OutstandingAsync(new DateOnly(2027, 12, 31), new DateOnly(2027, 12, 31), CancellationToken.None).ToListAsync();
        Assert.DoesNotContain(outstanding, o => o.Id.Value == $"{procedureId}_1w");
    }

    [Fact]
    public async Task An_invited_survey_whose_message_is_out_is_not_read_again_before_its_first_reminder()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        var index = app.Service<IFollowUpStore>();
        var id = $"{procedureId}_1w";
        Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId == id);
        Assert.Single(await MessagesForAsync(procedureId, "1w"));   // not delivered yet: the next run queues it again, and it is delivered

        Assert.Empty(await MessagesForAsync(procedureId, "1w"));   // its message out: put off to the first reminder's day
        Assert.Empty(await MessagesForAsync(procedureId, "1w"));

        var entries = await index.OutstandingAsync(new DateOnly(2027, 12, 31), new DateOnly(2027, 12, 31), CancellationToken.None).Where(o => o.Id.Value == id).ToListAsync();
        Assert.Equal((new DateOnly(2026, 3, 8), true), (Assert.Single(entries).Due, entries[0].ActOn));
        Assert.DoesNotContain(await index.OutstandingAsync(new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 7), CancellationToken.None).ToListAsync(), o => o.Id.Value == id);
        app.Clock.Now = Start.AddDays(7);
        Assert.Equal(1, Assert.Single(await MessagesForAsync(procedureId, "1w")).Reminder);
    }

    [Fact]
    public async Task A_run_after_days_without_runs_catches_up_without_inviting_what_closed_meanwhile()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-01"));   // 1w due 2026-02-08, closes before 2026-03-01: missed at registration

        app.Clock.Now = Start.AddDays(5);   // no run for five days: the 1m survey (due 2026-03-01) is still open
        var message = Assert.Single(await MessagesForAsync(procedureId));

        Assert.Equal($"{procedureId}_1m", message.FollowUpId);
        Assert.Equal(FollowUpStatus.Missed, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.FollowUp.Status);
    }

    [Fact]
    public async Task A_patient_whose_contact_was_erased_is_not_invited()
    {
        var (clinic, procedureId) = await RegisterDueTodayAsync();
        (await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{procedureId}/contact", clinic.ApiKey)).EnsureSuccessStatusCode();

        Assert.Empty(await MessagesForAsync(procedureId));
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.FollowUp.Status);
    }

    [Fact]
    public async Task Each_invitation_is_in_the_procedures_audit_trail_as_the_systems_doing()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        await MessagesForAsync(procedureId);

        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var invited = Assert.Single(trail, e => e.Action == "follow-up-invited");
        Assert.Equal(AuditActor.System("SendFollowUpSurveys"), invited.Actor);
        Assert.Equal("1w", invited.Changes["timePoint"]);
    }

    [Fact]
    public async Task A_run_whose_messages_were_never_sent_is_followed_by_one_that_sends_them_once()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        var lost = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId));   // the run's host died before sending

        app.Clock.Now = Start.AddSeconds(5);
        var again = await MessagesForAsync(procedureId);      // delivered by the helper, as the host would
        app.Clock.Now = Start.AddHours(1);
        var after = await MessagesForAsync(procedureId);

        var resent = Assert.Single(again);
        Assert.Equal((lost.InvitationId, lost.FollowUpId, (int?)null), (resent.InvitationId, resent.FollowUpId, resent.Reminder));
        Assert.Empty(after);
        var trail = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        Assert.Equal(["follow-up-invited", "follow-up-message-requeued", "follow-up-message-sent"],
            trail.Select(e => e.Action).Where(a => a.StartsWith("follow-up-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_run_that_died_between_claiming_a_shared_invitations_lead_and_the_others_is_completed_with_one_invitation()
    {
        var (clinic, first) = await RegisterDueTodayAsync("NSC-0078");
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-25", "NSC-0078"));
        app.Clock.Now = Start.AddDays(3);
        var lost = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second));
        // As if the run had died after claiming the lead: the other follow-up is still pending.
        var store = app.Service<IFollowUpStore>();
        var covered = (await app.FollowUpAsync(first, TimePoint.OneWeek))!;
        var pending = covered.Record with
        {
            FollowUp = covered.Record.FollowUp with { Status = FollowUpStatus.Pending }, InvitedOn = null, InvitationId = null, InvitedWith = null,
        };
        Assert.True(await store.TryUpdateAsync(covered, pending, new AuditEntry(AuditSubjects.Procedure(first), app.Clock.Now, AuditActor.System("test"), "test-undo", new Dictionary<string, string?>()), CancellationToken.None));

        app.Clock.Now = Start.AddDays(3).AddHours(1);
        var next = (await app.RunTimerAsync(deliver: false)).Where(m => m.FollowUpId.StartsWith(first) || m.FollowUpId.StartsWith(second)).ToList();

        var message = Assert.Single(next);
        Assert.Equal((lost.InvitationId, $"{second}_1w"), (message.InvitationId, message.FollowUpId));   // the lead's, queued again
        var completed = (await app.FollowUpAsync(first, TimePoint.OneWeek))!.Record;
        Assert.Equal((FollowUpStatus.Invited, lost.InvitationId, $"{second}_1w"), (completed.Status, completed.InvitationId, completed.InvitedWith?.Value));
    }

    [Fact]
    public async Task No_reminder_is_claimed_while_the_invitation_waits_for_its_delivery()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        await app.RunTimerAsync(deliver: false);

        app.Clock.Now = Start.AddDays(7).AddMinutes(5);
        var late = await MessagesForAsync(procedureId);

        var message = Assert.Single(late);
        Assert.Null(message.Reminder);   // the invitation again, not a first contact called a reminder
        Assert.Equal(0, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.RemindersSent);
    }

    [Fact]
    public async Task A_message_queued_again_while_its_first_copy_was_on_its_way_is_sent_once()
    {
        var (_, procedureId) = await RegisterDueTodayAsync();
        var first = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId));
        var second = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId));

        var answers = new[] { await app.DeliverAsync(second, "m-second"), await app.DeliverAsync(first, "m-first") };

        Assert.Equal(first.InvitationId, second.InvitationId);
        Assert.Single(answers, a => a["Outputs"]!.AsObject().Count > 0);
    }
}
