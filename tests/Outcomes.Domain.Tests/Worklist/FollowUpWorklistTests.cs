using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests.Worklist;

public sealed class FollowUpWorklistTests
{
    private const string Procedure = "c0ffee00-1111-4222-8333-944445555666";

    // The 1-month follow-up of a procedure on 2026-01-10: open from 2026-02-10, its last day 2026-04-09, closed from 2026-04-10.
    private static readonly SurveyWindow Window = new(new DateOnly(2026, 2, 10), new DateOnly(2026, 4, 10));

    private static FollowUpRecord Record(FollowUpStatus status, int reminders = 0, string invitedOn = "2026-02-10",
        string? lastReminded = null, FollowUpId? invitedWith = null) =>
        new(new ScheduledFollowUp(TimePoint.OneMonth, Window.Opens, Window, status), DateOnly.Parse(invitedOn), reminders, null,
            lastReminded is null ? null : DateOnly.Parse(lastReminded), "inv-1", InvitedWith: invitedWith);

    private static IReadOnlyList<WorklistItem> Items(FollowUpRecord record, string today) =>
        FollowUpWorklist.Items(Procedure, [record], DateOnly.Parse(today));

    private static readonly WorklistItemId Call = new(Procedure, TimePoint.OneMonth, WorklistItemKind.CallPatient);
    private static readonly WorklistItemId Missed = new(Procedure, TimePoint.OneMonth, WorklistItemKind.MissedSurvey);

    [Theory]
    [InlineData("2026-04-05", null)]
    [InlineData("2026-04-06", null)]   // four days left
    [InlineData("2026-04-07", 3)]      // three days left, today included
    [InlineData("2026-04-08", 2)]
    [InlineData("2026-04-09", 1)]      // the last day
    [InlineData("2026-04-10", null)]   // closed: missed now, no longer a call
    public void A_survey_reminded_twice_is_a_call_in_its_last_three_days(string today, int? daysLeft)
    {
        var items = Items(Record(FollowUpStatus.Reminded, reminders: 2, lastReminded: "2026-03-21"), today);

        Assert.Equal(daysLeft is null ? [] : [new CallPatient(Call, daysLeft.Value, new DateOnly(2026, 4, 9))], items.OfType<CallPatient>());
    }

    [Theory]
    [InlineData(FollowUpStatus.Invited, 0, null, false)]          // the timer was down: its first reminder is due first
    [InlineData(FollowUpStatus.Reminded, 1, "2026-03-02", false)] // the second reminder is due
    [InlineData(FollowUpStatus.Reminded, 2, "2026-03-21", true)]
    public void A_survey_with_a_reminder_still_to_send_is_not_a_call(FollowUpStatus status, int reminders, string? lastReminded, bool call) =>
        Assert.Equal(call, Items(Record(status, reminders, lastReminded: lastReminded), "2026-04-08").Any(i => i.Kind == WorklistItemKind.CallPatient));

    [Theory]
    [InlineData("2026-04-08", 0, null, false)]         // invited with two days left: its one reminder comes tomorrow
    [InlineData("2026-04-09", 0, null, false)]         // ... it is due today
    [InlineData("2026-04-09", 1, "2026-04-09", true)]  // ... sent: the days allow no second one
    public void A_survey_invited_late_is_a_call_once_the_reminders_its_days_allow_are_sent(string today, int reminders, string? lastReminded, bool call)
    {
        var record = Record(reminders == 0 ? FollowUpStatus.Invited : FollowUpStatus.Reminded, reminders, invitedOn: "2026-04-08", lastReminded: lastReminded);

        Assert.Equal(call, Items(record, today).Any(i => i.Kind == WorklistItemKind.CallPatient));
    }

    [Theory]
    // Invited with another follow-up of the patient on 2026-04-05 (five days left): its reminders are that one's,
    // due 2026-04-06 and 2026-04-08.
    [InlineData("2026-04-07", false)]
    [InlineData("2026-04-08", true)]
    [InlineData("2026-04-09", true)]
    public void A_survey_invited_with_another_is_a_call_once_its_last_reminder_was_due(string today, bool call)
    {
        var record = Record(FollowUpStatus.Invited, invitedOn: "2026-04-05", invitedWith: new FollowUpId("other-procedure", TimePoint.ThreeMonths));

        Assert.Equal(call, Items(record, today).Any(i => i.Kind == WorklistItemKind.CallPatient));
    }

    [Theory]
    [InlineData(FollowUpStatus.Pending)]     // never invited: nothing to follow up by phone yet
    [InlineData(FollowUpStatus.Answered)]
    [InlineData(FollowUpStatus.Cancelled)]
    [InlineData(FollowUpStatus.Missed)]
    public void Only_an_invited_or_reminded_survey_is_a_call(FollowUpStatus status) =>
        Assert.DoesNotContain(Items(Record(status, reminders: 2), "2026-04-08"), i => i.Kind == WorklistItemKind.CallPatient);

    [Theory]
    [InlineData("2026-04-09", false)]   // still open on its last day
    [InlineData("2026-04-10", true)]    // closed today
    [InlineData("2026-04-16", true)]    // six days ago
    [InlineData("2026-04-17", false)]   // a week ago: off the list
    [InlineData("2026-06-01", false)]
    public void A_missed_survey_is_on_the_list_for_the_week_after_its_window_closed(string today, bool missed)
    {
        var items = Items(Record(FollowUpStatus.Missed, reminders: 2), today);

        Assert.Equal(missed ? [new MissedSurvey(Missed, new DateOnly(2026, 4, 10))] : [], items.OfType<MissedSurvey>());
    }

    [Theory]
    [InlineData(FollowUpStatus.Missed, true)]
    [InlineData(FollowUpStatus.Reminded, true)]    // closed, and the timer has yet to mark it missed
    [InlineData(FollowUpStatus.Invited, true)]
    [InlineData(FollowUpStatus.Pending, true)]     // never reached (no contact details): missed as well
    [InlineData(FollowUpStatus.Answered, false)]
    [InlineData(FollowUpStatus.Cancelled, false)]
    public void A_survey_whose_window_closed_without_an_answer_is_missed_whatever_the_timer_recorded(FollowUpStatus status, bool missed) =>
        Assert.Equal(missed, Items(Record(status), "2026-04-12").Any(i => i.Kind == WorklistItemKind.MissedSurvey));

    [Fact]
    public void Each_follow_up_of_the_procedure_is_judged_on_its_own()
    {
        var procedureDate = new DateOnly(2026, 1, 10);
        var schedule = FollowUpSchedule.For(procedureDate);
        var records = new[]
        {
            new FollowUpRecord(schedule[0] with { Status = FollowUpStatus.Missed }, schedule[0].Window.Opens, 2, null),   // closed 2026-02-10
            new FollowUpRecord(schedule[1] with { Status = FollowUpStatus.Missed }, schedule[1].Window.Opens, 2, null),   // closed 2026-04-10
            new FollowUpRecord(schedule[2] with { Status = FollowUpStatus.Invited }, schedule[2].Window.Opens, 0, null),  // opened 2026-04-10
            new FollowUpRecord(schedule[3], null, 0, null),
        };

        var items = FollowUpWorklist.Items(Procedure, records, new DateOnly(2026, 4, 12));

        Assert.Equal([new MissedSurvey(Missed, new DateOnly(2026, 4, 10))], items);
    }
}
