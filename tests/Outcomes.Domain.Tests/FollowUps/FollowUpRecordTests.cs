using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

/// <summary>The follow-up's changes and their invariants, and the one rule for taking an answer, at its boundaries.</summary>
public sealed class FollowUpRecordTests
{
    // The 1-month follow-up of a procedure on 2026-01-10: open from 2026-02-10, closing before 2026-04-10.
    private static readonly SurveyWindow Window = new(new DateOnly(2026, 2, 10), new DateOnly(2026, 4, 10));

    private static FollowUpRecord With(FollowUpStatus status) =>
        new(new ScheduledFollowUp(TimePoint.OneMonth, Window.Opens, Window, status), null, 0, null);

    public static TheoryData<FollowUpStatus, string, string?, AnswerRefusal?> Answerability() => new()
    {
        { FollowUpStatus.Invited, "2026-02-10", "2026-02-10", null },           // the first day
        { FollowUpStatus.Invited, "2026-04-09", "2026-04-09", null },           // the last day
        { FollowUpStatus.Invited, "2026-02-09", "2026-02-09", AnswerRefusal.NotYetOpen },
        { FollowUpStatus.Invited, "2026-04-10", "2026-04-10", AnswerRefusal.Closed },
        { FollowUpStatus.Pending, "2026-03-01", "2026-03-01", null },
        { FollowUpStatus.Reminded, "2026-03-01", "2026-03-01", null },
        { FollowUpStatus.Missed, "2026-03-01", "2026-05-01", null },            // paper, entered after the close: it counts
        { FollowUpStatus.Missed, "2026-04-10", "2026-05-01", AnswerRefusal.Closed },
        { FollowUpStatus.Invited, "2026-03-02", "2026-03-01", AnswerRefusal.InTheFuture },
        { FollowUpStatus.Invited, "2026-03-02", null, null },                   // stored later: the day was checked at entry
        { FollowUpStatus.Answered, "2026-03-01", "2026-03-01", AnswerRefusal.AlreadyAnswered },
        { FollowUpStatus.Cancelled, "2026-03-01", "2026-03-01", AnswerRefusal.Cancelled },
    };

    [Theory]
    [MemberData(nameof(Answerability))]
    public void One_rule_says_whether_a_follow_up_takes_an_answer_given_on_a_day(FollowUpStatus status, string answeredOn, string? today, AnswerRefusal? expected) =>
        Assert.Equal(expected, With(status).WhyNotAnswerable(DateOnly.Parse(answeredOn), today is null ? null : DateOnly.Parse(today)));

    [Fact]
    public void Invited_reminded_twice_and_answered_in_order()
    {
        var answered = With(FollowUpStatus.Pending)
            .Invite(new DateOnly(2026, 2, 10), "inv-1")
            .Remind(1, new DateOnly(2026, 3, 1))
            .Remind(2, new DateOnly(2026, 3, 20))
            .Answer(new DateOnly(2026, 3, 25));

        Assert.Equal((FollowUpStatus.Answered, 2, new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 25), "inv-1"),
            (answered.Status, answered.RemindersSent, answered.LastRemindedOn, answered.AnsweredOn, answered.InvitationId));
    }

    [Fact]
    public void A_change_its_state_does_not_allow_is_refused()
    {
        var invited = With(FollowUpStatus.Pending).Invite(new DateOnly(2026, 2, 10), "inv-1");

        Assert.Throws<InvalidOperationException>(() => invited.Invite(new DateOnly(2026, 2, 11), "inv-2"));
        Assert.Throws<InvalidOperationException>(() => With(FollowUpStatus.Pending).Remind(1, new DateOnly(2026, 3, 1)));
        Assert.Throws<InvalidOperationException>(() => invited.Remind(2, new DateOnly(2026, 3, 1)));
        Assert.Throws<InvalidOperationException>(() => invited.Remind(1, new DateOnly(2026, 3, 1)).Remind(2, new DateOnly(2026, 3, 2)).Remind(3, new DateOnly(2026, 3, 3)));
        Assert.Throws<InvalidOperationException>(() => With(FollowUpStatus.Answered).MarkMissed());
        Assert.Throws<InvalidOperationException>(() => With(FollowUpStatus.Cancelled).Answer(new DateOnly(2026, 3, 1)));
        Assert.Throws<InvalidOperationException>(() => invited.Answer(new DateOnly(2026, 4, 10)));
    }

    [Theory]
    [InlineData(FollowUpStatus.Pending, PatientEventType.Death, FollowUpStatus.Cancelled)]
    [InlineData(FollowUpStatus.Reminded, PatientEventType.OptOut, FollowUpStatus.Cancelled)]
    [InlineData(FollowUpStatus.Answered, PatientEventType.Withdrawal, FollowUpStatus.Answered)]
    [InlineData(FollowUpStatus.Missed, PatientEventType.Death, FollowUpStatus.Missed)]
    [InlineData(FollowUpStatus.Invited, PatientEventType.NewFracture, FollowUpStatus.Invited)]
    public void A_stopping_event_cancels_only_what_is_still_open(FollowUpStatus before, PatientEventType patientEvent, FollowUpStatus after) =>
        Assert.Equal(after, With(before).After(patientEvent, new DateOnly(2026, 3, 1)).Status);

    [Theory]
    [InlineData("2026-02-28", AnswerGiven.OnItsDay, null)]                      // given before the opt-out, stored after it
    [InlineData("2026-03-01", AnswerGiven.OnItsDay, null)]                      // given on its day: not after it
    [InlineData("2026-03-02", AnswerGiven.OnItsDay, AnswerRefusal.Cancelled)]   // given after it
    [InlineData("2026-03-01", AnswerGiven.Now, AnswerRefusal.Cancelled)]        // the patient on the page, after opting out
    public void A_cancelled_follow_up_keeps_an_answer_given_by_the_events_day_whatever_arrives_first(string answeredOn, AnswerGiven given, AnswerRefusal? expected)
    {
        var cancelled = With(FollowUpStatus.Invited).After(PatientEventType.OptOut, new DateOnly(2026, 3, 1));

        Assert.Equal(expected, cancelled.WhyNotAnswerable(DateOnly.Parse(answeredOn), new DateOnly(2026, 3, 5), given));
        if (expected is null)
            Assert.Equal(FollowUpStatus.Answered, cancelled.Answer(DateOnly.Parse(answeredOn)).Status);
    }

    [Theory]
    [InlineData("2026-02-28", FollowUpStatus.Answered, false)]    // answered before the withdrawal took effect: kept
    [InlineData("2026-03-01", FollowUpStatus.Answered, false)]    // on its day: not after it
    [InlineData("2026-03-05", FollowUpStatus.Cancelled, true)]    // after it, though stored before it was recorded: not kept
    public void An_answer_stored_before_an_event_dated_earlier_is_kept_only_if_given_by_the_events_day(string answeredOn, FollowUpStatus after, bool excluded)
    {
        var answered = With(FollowUpStatus.Invited).Answer(DateOnly.Parse(answeredOn));

        var withdrawn = answered.After(PatientEventType.Withdrawal, new DateOnly(2026, 3, 1));

        Assert.Equal((after, excluded), (withdrawn.Status, withdrawn.ExcludedAnswer));
        Assert.Equal(DateOnly.Parse(answeredOn), withdrawn.AnsweredOn);   // the answer itself stays on record
        Assert.False(withdrawn.NeverDue);   // its window had opened: it was due
    }

    [Theory]
    [InlineData("2026-02-01", FollowUpStatus.Cancelled, true)]    // the window opened after the death: never due
    [InlineData("2026-02-10", FollowUpStatus.Missed, false)]      // it opened on the day of the death: due, and missed
    public void A_missed_survey_whose_window_opened_after_the_death_was_never_due(string died, FollowUpStatus after, bool neverDue)
    {
        var missed = With(FollowUpStatus.Missed).After(PatientEventType.Death, DateOnly.Parse(died));

        Assert.Equal((after, neverDue), (missed.Status, missed.NeverDue));
    }

    [Fact]
    public void An_event_leaves_a_follow_up_it_does_not_cancel_as_it_was() =>
        Assert.Null(With(FollowUpStatus.Answered).After(PatientEventType.Death, new DateOnly(2026, 3, 1)).CancelledAsOf);

    [Fact]
    public void A_later_recorded_event_dated_earlier_moves_the_cancellation_back_and_a_later_dated_one_does_not()
    {
        var optedOut = With(FollowUpStatus.Invited).After(PatientEventType.OptOut, new DateOnly(2026, 3, 10));

        var died = optedOut.After(PatientEventType.Death, new DateOnly(2026, 3, 5));

        Assert.Equal(new DateOnly(2026, 3, 5), died.CancelledAsOf);
        Assert.Equal(AnswerRefusal.Cancelled, died.WhyNotAnswerable(new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 12)));
        Assert.Same(died, died.After(PatientEventType.Withdrawal, new DateOnly(2026, 3, 9)));
        Assert.Same(died, died.After(PatientEventType.NewFracture, new DateOnly(2026, 3, 1)));
    }

    [Theory]
    [InlineData("invited", null, "2026-03-01", "2026-03-01")]        // open: up to today
    [InlineData("missed", null, "2026-05-01", "2026-04-09")]         // closed: up to its window's last day
    [InlineData("pending", null, "2026-02-09", null)]                // not open yet
    [InlineData("answered", null, "2026-03-01", null)]
    [InlineData("invited", "2026-03-05", "2026-03-20", "2026-03-05")] // stopped: up to the day the event took effect
    [InlineData("pending", "2026-02-01", "2026-03-20", null)]         // stopped before its window opened
    public void The_last_day_an_answer_can_be_dated_is_one_the_rule_accepts(string status, string? stoppedAsOf, string today, string? expected)
    {
        Assert.True(FollowUpStatusCodes.Wire.TryParse(status, out var before));
        var record = stoppedAsOf is null ? With(before) : With(before).After(PatientEventType.Death, DateOnly.Parse(stoppedAsOf));
        var clinicToday = DateOnly.Parse(today);

        var last = record.LastAnswerableDay(clinicToday);

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected), last);
        if (last is { } day)
        {
            Assert.Null(record.WhyNotAnswerable(day, clinicToday));
            Assert.NotNull(record.WhyNotAnswerable(day.AddDays(1), clinicToday));
        }
    }
}
