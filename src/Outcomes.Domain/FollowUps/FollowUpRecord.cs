namespace Outcomes.Domain.FollowUps;

/// <summary>
/// One follow-up of a procedure as it stands now, and the only way it changes: invited, reminded, marked missed,
/// cancelled, answered, each refused when the follow-up's state does not allow it. An invitation covering several
/// follow-ups of one patient (same week) is led by one of them: the lead lists the others in <see cref="Covers"/>, each
/// of them names the lead in <see cref="InvitedWith"/>. Whether it takes an answer is <see cref="WhyNotAnswerable"/>,
/// the one rule the survey page, the clinic's entry and the store all ask.
/// </summary>
public sealed record FollowUpRecord(
    ScheduledFollowUp FollowUp, DateOnly? InvitedOn, int RemindersSent, DateOnly? AnsweredOn,
    DateOnly? LastRemindedOn = null, string? InvitationId = null, IReadOnlyList<FollowUpId>? Covers = null, FollowUpId? InvitedWith = null,
    SurveyMessage? Message = null, DateOnly? CancelledAsOf = null)
{
    public FollowUpStatus Status => FollowUp.Status;

    public FollowUpProgress Progress => new(FollowUp.Status, FollowUp.Window, InvitedOn, RemindersSent, LastRemindedOn);

    /// <summary>Invited today, alone or leading (<paramref name="covers"/>) or covered by (<paramref name="invitedWith"/>) one invitation.</summary>
    public FollowUpRecord Invite(DateOnly today, string invitationId, IReadOnlyList<FollowUpId>? covers = null, FollowUpId? invitedWith = null)
    {
        Require(Status == FollowUpStatus.Pending, "invited", "it is pending");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Invited }, InvitedOn = today, InvitationId = invitationId, Covers = covers, InvitedWith = invitedWith };
    }

    /// <summary>Reminder <paramref name="number"/> sent today: the next one, and never more than <see cref="ReminderRule.MaxReminders"/>.</summary>
    public FollowUpRecord Remind(int number, DateOnly today)
    {
        Require(Status is FollowUpStatus.Invited or FollowUpStatus.Reminded, "reminded", "it was invited");
        Require(number == RemindersSent + 1 && number <= ReminderRule.MaxReminders, $"sent reminder {number}", $"it has had {RemindersSent}");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Reminded }, RemindersSent = number, LastRemindedOn = today };
    }

    /// <summary>The invitation (0) or reminder <paramref name="number"/> promised in the same write as its claim, to be handed out once.</summary>
    public FollowUpRecord ToSend(int number, DateTimeOffset claimedAt)
    {
        Require(number == 0 ? Status == FollowUpStatus.Invited && InvitedWith is null : Status == FollowUpStatus.Reminded && number == RemindersSent,
            $"promised message {number}", "it was just claimed for it");
        return this with { Message = new SurveyMessage(number, claimedAt) };
    }

    /// <summary>
    /// What a delivery of invitation <paramref name="invitationId"/>'s <paramref name="reminder"/> (null: the invitation)
    /// by queue message <paramref name="messageId"/> does. A row from before messages were recorded has none: it sends.
    /// </summary>
    public (DeliveryStep Step, string? Why) Delivery(string invitationId, int? reminder, string messageId)
    {
        if (Status.IsFinal()) return (DeliveryStep.Skip, $"the follow-up is {Status.ToWire()}");
        if (InvitationId != invitationId) return (DeliveryStep.Skip, "the invitation was replaced");
        if (Message is null) return (DeliveryStep.SendAgain, null);
        if (Message.Number != (reminder ?? 0)) return (DeliveryStep.Skip, $"the {Message.Describe()} is the message outstanding");
        return Message.DeliveredBy switch
        {
            null => (DeliveryStep.RecordAndSend, null),
            var by when by == messageId => (DeliveryStep.SendAgain, null),
            _ => (DeliveryStep.Skip, $"the {Message.Describe()} was already handed out"),
        };
    }

    /// <summary>Its message handed out by queue message <paramref name="messageId"/>.</summary>
    public FollowUpRecord Delivered(string messageId)
    {
        Require(Message is { DeliveredBy: null }, "recorded as delivered", "a message was promised and not yet handed out");
        return this with { Message = Message! with { DeliveredBy = messageId } };
    }

    /// <summary>The message its claim promised and nobody has handed out yet, while it is still open.</summary>
    public SurveyMessage? Unsent => !Status.IsFinal() && Message is { DeliveredBy: null } message ? message : null;

    /// <summary>Its unsent message queued again at <paramref name="now"/>.</summary>
    public FollowUpRecord Requeued(DateTimeOffset now)
    {
        Require(Unsent is not null, "queued again", "its message is unsent");
        return this with { Message = Message! with { ClaimedAt = now } };
    }

    /// <summary>Its window closed without an answer: missed is data (it feeds the response rate), and final.</summary>
    public FollowUpRecord MarkMissed()
    {
        Require(!Status.IsFinal(), "marked missed", "it is still open");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Missed } };
    }

    /// <summary>
    /// What a patient event effective on <paramref name="asOf"/> leaves of it: a stopping event cancels whatever was
    /// still unanswered on that day — open, pending, missed in a window that opened after it, or answered only later
    /// (that answer is not kept: <see cref="ExcludedAnswer"/>). An answer given by that day stays, and one still to
    /// arrive is taken (<see cref="WhyNotAnswerable"/>); a survey missed in a window that opened by then was due, and
    /// missed is data.
    /// </summary>
    public FollowUpRecord After(PatientEventType patientEvent, DateOnly asOf)
    {
        if (!patientEvent.StopsSurveys())
            return this;
        if (!Status.IsFinal() || (Status == FollowUpStatus.Missed && asOf < FollowUp.Window.Opens)
            || (Status == FollowUpStatus.Answered && AnsweredOn > asOf))
            return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Cancelled }, CancelledAsOf = asOf };
        // Cancelled already, by an event effective later (an opt-out, then a death dated before it): the earlier day holds.
        return Status == FollowUpStatus.Cancelled && CancelledAsOf is { } earlier && asOf < earlier ? this with { CancelledAsOf = asOf } : this;
    }

    /// <summary>
    /// It had an answer, given after the day a death, withdrawal or opt-out took effect (recorded later): the answer stays
    /// stored, and is not kept among the outcomes.
    /// </summary>
    public bool ExcludedAnswer => Status == FollowUpStatus.Cancelled && AnsweredOn is { } answered && CancelledAsOf is { } asOf && answered > asOf;

    /// <summary>
    /// Cancelled before its window opened, so never due (a survey is due once its window opens, unless a death,
    /// withdrawal or opt-out came first). A cancellation recorded before its day was kept counts as one.
    /// </summary>
    public bool NeverDue => Status == FollowUpStatus.Cancelled && (CancelledAsOf is not { } asOf || asOf < FollowUp.Window.Opens);

    /// <summary>Answered, with the answer given on <paramref name="answeredOn"/>; only when <see cref="WhyNotAnswerable"/> says nothing against it.</summary>
    public FollowUpRecord Answer(DateOnly answeredOn)
    {
        var why = WhyNotAnswerable(answeredOn, clinicToday: null);
        Require(why is null, "answered", $"it takes the answer ({why})");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Answered }, AnsweredOn = answeredOn };
    }

    /// <summary>
    /// Why it cannot take an answer given on <paramref name="answeredOn"/>, or null when it can: not once answered, and
    /// only for a day inside its window and not after the clinic's today (when known: a message already checked at entry
    /// is stored later). Missed only says no answer had come when the window closed: an answer given inside it (on paper,
    /// entered late) still counts. Cancelled by a death, withdrawal or opt-out, it still takes an answer given by the
    /// event's day, whatever order the two arrive in; but not one a patient gives <see cref="AnswerGiven.Now"/>, after it.
    /// </summary>
    public AnswerRefusal? WhyNotAnswerable(DateOnly answeredOn, DateOnly? clinicToday, AnswerGiven given = AnswerGiven.OnItsDay) => Status switch
    {
        FollowUpStatus.Answered => AnswerRefusal.AlreadyAnswered,
        FollowUpStatus.Cancelled when given == AnswerGiven.Now || CancelledAsOf is not { } asOf || answeredOn > asOf => AnswerRefusal.Cancelled,
        _ when answeredOn > clinicToday => AnswerRefusal.InTheFuture,
        _ when answeredOn < FollowUp.Window.Opens => AnswerRefusal.NotYetOpen,
        _ when !FollowUp.Window.Contains(answeredOn) => AnswerRefusal.Closed,
        _ => null,
    };

    /// <summary>
    /// The last day an answer to this follow-up can be dated as of the clinic's <paramref name="clinicToday"/> (its
    /// window's last day, today, or the day a stopping event took effect, whichever comes first); null when no day can:
    /// answered already, not open yet, or stopped before its window opened.
    /// </summary>
    public DateOnly? LastAnswerableDay(DateOnly clinicToday)
    {
        var last = FollowUp.Window.LastDay < clinicToday ? FollowUp.Window.LastDay : clinicToday;
        if (Status == FollowUpStatus.Cancelled && CancelledAsOf is { } asOf && asOf < last)
            last = asOf;
        return WhyNotAnswerable(last, clinicToday) is null ? last : null;
    }

    private void Require(bool allowed, string change, string condition)
    {
        if (!allowed)
            throw new InvalidOperationException($"The {FollowUp.TimePoint.Code} follow-up cannot be {change} unless {condition}; it is {Status.ToWire()}.");
    }
}

/// <summary>
/// When the answer asked about is given: <see cref="Now"/>, by the patient on the survey page (after whatever is
/// recorded), or <see cref="OnItsDay"/>, the day it is dated (entered by the clinic, or stored from a message).
/// </summary>
public enum AnswerGiven { OnItsDay, Now }

/// <summary>Why a follow-up takes no answer for a given day.</summary>
public enum AnswerRefusal { AlreadyAnswered, Cancelled, InTheFuture, NotYetOpen, Closed }
