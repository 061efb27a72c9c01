namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Invite on the due date, remind at most twice, then record the survey as missed.
/// Reminders are spread over the time the patient actually had: reminder n is due once n thirds of the days
/// from the invitation to the window's close have passed (invited on the due date, that is a third and two
/// thirds of the window; invited late, the thirds shrink with what is left). Never two messages on one day,
/// and never a reminder on or after the closing day.
/// </summary>
public static class ReminderRule
{
    public const int MaxReminders = 2;

    public static FollowUpAction Decide(FollowUpProgress followUp, DateOnly today)
    {
        if (followUp.Status.IsFinal()) return FollowUpAction.Nothing;
        var window = followUp.Window;
        if (window.HasClosedBy(today)) return FollowUpAction.MarkMissed;
        if (today < window.Opens) return FollowUpAction.Nothing;
        if (followUp.Status == FollowUpStatus.Pending) return FollowUpAction.Invite;

        var next = followUp.RemindersSent + 1;
        if (next > MaxReminders) return FollowUpAction.Nothing;
        var invitedOn = followUp.InvitedOn ?? window.Opens;
        var lastContact = followUp.LastRemindedOn is { } reminded && reminded > invitedOn ? reminded : invitedOn;
        if (today <= lastContact) return FollowUpAction.Nothing;
        return today >= ReminderDue(next, invitedOn, window)
            ? new FollowUpAction.Remind(next, window.DaysLeft(today))
            : FollowUpAction.Nothing;
    }

    /// <summary>
    /// The first day after <paramref name="today"/> on which an invited survey calls for something (a reminder, or being
    /// marked missed); null for one that is pending or final. Found by asking <see cref="Decide"/> day by day, so the two
    /// can never disagree; the window's close bounds the search.
    /// </summary>
    public static DateOnly? NextActionAfter(FollowUpProgress followUp, DateOnly today)
    {
        if (followUp.Status is FollowUpStatus.Pending || followUp.Status.IsFinal())
            return null;
        var day = today.AddDays(1);
        while (Decide(followUp, day) == FollowUpAction.Nothing)
            day = day.AddDays(1);
        return day;
    }

    /// <summary>The day reminder <paramref name="number"/> becomes due for a survey invited on <paramref name="invitedOn"/>.</summary>
    public static DateOnly ReminderDue(int number, DateOnly invitedOn, SurveyWindow window)
    {
        var span = window.ClosesBefore.DayNumber - invitedOn.DayNumber;
        return invitedOn.AddDays(Math.Max(number, span * number / 3));
    }
}
