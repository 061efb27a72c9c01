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
    DateOnly? LastRemindedOn = null, string? InvitationId = null, IReadOnlyList<FollowUpId>? Covers = null, FollowUpId? InvitedWith = null)
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

    /// <summary>Its window closed without an answer: missed is data (it feeds the response rate), and final.</summary>
    public FollowUpRecord MarkMissed()
    {
        Require(!Status.IsFinal(), "marked missed", "it is still open");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Missed } };
    }

    /// <summary>What a patient event leaves of it: a stopping event cancels it unless it is already answered or missed.</summary>
    public FollowUpRecord After(PatientEventType patientEvent) => this with { FollowUp = FollowUp with { Status = Status.After(patientEvent) } };

    /// <summary>Answered, with the answer given on <paramref name="answeredOn"/>; only when <see cref="WhyNotAnswerable"/> says nothing against it.</summary>
    public FollowUpRecord Answer(DateOnly answeredOn)
    {
        var why = WhyNotAnswerable(answeredOn, clinicToday: null);
        Require(why is null, "answered", $"it takes the answer ({why})");
        return this with { FollowUp = FollowUp with { Status = FollowUpStatus.Answered }, AnsweredOn = answeredOn };
    }

    /// <summary>
    /// Why it cannot take an answer given on <paramref name="answeredOn"/>, or null when it can: not once answered or
    /// cancelled, and only for a day inside its window and not after the clinic's today (when known: a message already
    /// checked at entry is stored later). Missed only says no answer had come when the window closed: an answer given
    /// inside it (on paper, entered late) still counts.
    /// </summary>
    public AnswerRefusal? WhyNotAnswerable(DateOnly answeredOn, DateOnly? clinicToday) => Status switch
    {
        FollowUpStatus.Answered => AnswerRefusal.AlreadyAnswered,
        FollowUpStatus.Cancelled => AnswerRefusal.Cancelled,
        _ when answeredOn > clinicToday => AnswerRefusal.InTheFuture,
        _ when answeredOn < FollowUp.Window.Opens => AnswerRefusal.NotYetOpen,
        _ when !FollowUp.Window.Contains(answeredOn) => AnswerRefusal.Closed,
        _ => null,
    };

    private void Require(bool allowed, string change, string condition)
    {
        if (!allowed)
            throw new InvalidOperationException($"The {FollowUp.TimePoint.Code} follow-up cannot be {change} unless {condition}; it is {Status.ToWire()}.");
    }
}

/// <summary>Why a follow-up takes no answer for a given day.</summary>
public enum AnswerRefusal { AlreadyAnswered, Cancelled, InTheFuture, NotYetOpen, Closed }
