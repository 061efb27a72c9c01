using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class ReminderRuleTests
{
    // 1m → 3m window of 2026-03-01's procedure: 2026-04-01 up to 2026-06-01, 61 days; thirds at day 20 and 40.
    static readonly SurveyWindow Window = new(new(2026, 4, 1), new(2026, 6, 1));

    static FollowUpAction Decide(FollowUpStatus status, string today, string? invitedOn = "2026-04-01", int reminders = 0, string? lastReminded = null) =>
        ReminderRule.Decide(
            new FollowUpProgress(status, Window, invitedOn is null ? null : DateOnly.Parse(invitedOn), reminders,
                lastReminded is null ? null : DateOnly.Parse(lastReminded)),
            DateOnly.Parse(today));

    [Theory]
    [InlineData("2026-03-31", false)]   // not due yet
    [InlineData("2026-04-01", true)]    // due day
    [InlineData("2026-05-31", true)]    // registered late, last day: still worth asking
    public void A_pending_follow_up_is_invited_once_its_window_opens(string today, bool invite) =>
        Assert.Equal(invite ? FollowUpAction.Invite : FollowUpAction.Nothing, Decide(FollowUpStatus.Pending, today, invitedOn: null));

    [Theory]
    [InlineData("2026-04-20", 0, null)]              // a third not yet passed
    [InlineData("2026-04-21", 0, 1)]                 // a third passed: first reminder
    [InlineData("2026-05-01", 0, 1)]                 // timer was down: still the first
    [InlineData("2026-05-10", 1, null)]              // second not due yet
    [InlineData("2026-05-11", 1, 2)]                 // two thirds passed
    [InlineData("2026-05-31", 2, null)]              // two reminders are the most
    public void Reminders_come_after_a_third_and_two_thirds_of_the_window_at_most_twice(string today, int sent, int? reminder)
    {
        var action = Decide(sent == 0 ? FollowUpStatus.Invited : FollowUpStatus.Reminded, today, reminders: sent);

        Assert.Equal(reminder is null ? FollowUpAction.Nothing : new FollowUpAction.Remind(reminder.Value, Window.DaysLeft(DateOnly.Parse(today))), action);
    }

    [Fact]
    public void A_reminder_says_how_many_days_are_left_today_included() =>
        Assert.Equal(new FollowUpAction.Remind(1, 41), Decide(FollowUpStatus.Invited, "2026-04-21"));

    [Fact]
    public void A_timer_catching_up_sends_no_second_reminder_on_the_day_of_the_first() =>
        Assert.Equal(FollowUpAction.Nothing, Decide(FollowUpStatus.Reminded, "2026-05-20", reminders: 1, lastReminded: "2026-05-20"));

    [Theory]
    [InlineData("2026-05-25", "2026-05-27", 1)]   // invited late with 7 days left: thirds of what is left (day 2 and 4)
    [InlineData("2026-05-25", "2026-05-26", null)]
    [InlineData("2026-05-30", "2026-05-31", 1)]   // two days left: a reminder on the last day, never on the invitation day
    [InlineData("2026-05-31", "2026-05-31", null)]
    public void A_late_invitation_spreads_its_reminders_over_the_days_left(string invitedOn, string today, int? reminder)
    {
        var action = Decide(FollowUpStatus.Invited, today, invitedOn: invitedOn);

        Assert.Equal(reminder is null ? FollowUpAction.Nothing : new FollowUpAction.Remind(reminder.Value, Window.DaysLeft(DateOnly.Parse(today))), action);
    }

    [Theory]
    [InlineData(FollowUpStatus.Pending)]
    [InlineData(FollowUpStatus.Invited)]
    [InlineData(FollowUpStatus.Reminded)]
    public void An_unanswered_follow_up_is_missed_on_the_day_its_window_closes(FollowUpStatus status)
    {
        Assert.NotEqual(FollowUpAction.MarkMissed, Decide(status, "2026-05-31", reminders: 2));
        Assert.Equal(FollowUpAction.MarkMissed, Decide(status, "2026-06-01", reminders: 2));
    }

    [Theory]
    [InlineData(FollowUpStatus.Answered)]
    [InlineData(FollowUpStatus.Missed)]
    [InlineData(FollowUpStatus.Cancelled)]
    public void Answered_missed_and_cancelled_follow_ups_need_nothing(FollowUpStatus status)
    {
        Assert.Equal(FollowUpAction.Nothing, Decide(status, "2026-04-21"));
        Assert.Equal(FollowUpAction.Nothing, Decide(status, "2026-06-01"));
    }

    [Theory]
    [InlineData("2026-04-01", 0, null, "2026-04-21")]          // just invited: the first reminder
    [InlineData("2026-04-21", 1, "2026-04-21", "2026-05-11")]  // reminded once: the second
    [InlineData("2026-05-11", 2, "2026-05-11", "2026-06-01")]  // reminded twice: the day its window has closed, to be marked missed
    [InlineData("2026-04-25", 0, null, "2026-04-26")]          // a first reminder overdue (only in daytime): tomorrow again
    public void An_invited_survey_next_calls_for_something_on_its_next_reminder_or_its_close(string today, int sent, string? lastReminded, string next)
    {
        var progress = new FollowUpProgress(FollowUpStatus.Invited, Window, new DateOnly(2026, 4, 1), sent, lastReminded is null ? null : DateOnly.Parse(lastReminded));

        var day = ReminderRule.NextActionAfter(progress, DateOnly.Parse(today));

        Assert.Equal(DateOnly.Parse(next), day);
        Assert.NotEqual(FollowUpAction.Nothing, ReminderRule.Decide(progress, day!.Value));
        for (var d = DateOnly.Parse(today).AddDays(1); d < day; d = d.AddDays(1))
            Assert.Equal(FollowUpAction.Nothing, ReminderRule.Decide(progress, d));
    }

    [Theory]
    [InlineData(FollowUpStatus.Pending)]
    [InlineData(FollowUpStatus.Answered)]
    [InlineData(FollowUpStatus.Missed)]
    [InlineData(FollowUpStatus.Cancelled)]
    public void Only_an_invited_survey_is_put_off(FollowUpStatus status) =>
        Assert.Null(ReminderRule.NextActionAfter(new FollowUpProgress(status, Window), new DateOnly(2026, 4, 1)));
}
