using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Worklist;

/// <summary>
/// The worklist's items that the calendar brings, for one procedure on the clinic's today: an open survey (invited or
/// reminded) whose reminders are spent and that closes within <see cref="CallWhenDaysLeft"/> days, today included, is
/// worth a phone call; a survey missed in a window that closed within the last <see cref="MissedShownForDays"/> days,
/// today included, is shown as missed (also when still open on record: the timer marks it missed on its next run).
/// </summary>
public static class FollowUpWorklist
{
    /// <summary>Three days left, today included: a coordinator has the working days to reach the patient before it closes.</summary>
    public const int CallWhenDaysLeft = 3;

    /// <summary>A missed survey stays on the list for a week from the day its window closed.</summary>
    public const int MissedShownForDays = 7;

    public static IReadOnlyList<WorklistItem> Items(string procedureId, IEnumerable<FollowUpRecord> followUps, DateOnly today)
    {
        var items = new List<WorklistItem>();
        foreach (var record in followUps)
        {
            var window = record.FollowUp.Window;
            var timePoint = record.FollowUp.TimePoint;
            if (record.Status is FollowUpStatus.Invited or FollowUpStatus.Reminded
                && window.Contains(today) && window.DaysLeft(today) <= CallWhenDaysLeft && RemindersSpent(record, today))
                items.Add(new CallPatient(new(procedureId, timePoint, WorklistItemKind.CallPatient), window.DaysLeft(today), window.LastDay));
            else if ((record.Status == FollowUpStatus.Missed || !record.Status.IsFinal())
                && window.HasClosedBy(today) && today.DayNumber - window.ClosesBefore.DayNumber < MissedShownForDays)
                items.Add(new MissedSurvey(new(procedureId, timePoint, WorklistItemKind.MissedSurvey), window.ClosesBefore));
        }
        return items;
    }

    /// <summary>
    /// No reminder is still to come before the window closes: <see cref="ReminderRule.MaxReminders"/> sent, or (invited
    /// late, with too few days for them all) the reminder rule has none left to send. A follow-up invited with another
    /// (<see cref="FollowUpRecord.InvitedWith"/>) is reminded through that one's messages, on the same invitation day:
    /// its reminders are spent once the last one was due.
    /// </summary>
    public static bool RemindersSpent(FollowUpRecord record, DateOnly today)
    {
        var progress = record.Progress;
        if (record.InvitedWith is not null)
            return today >= ReminderRule.ReminderDue(ReminderRule.MaxReminders, record.InvitedOn ?? progress.Window.Opens, progress.Window);
        if (record.RemindersSent >= ReminderRule.MaxReminders)
            return true;
        if (ReminderRule.Decide(progress, today) is FollowUpAction.Remind)
            return false;   // today's reminder has not gone out yet
        return ReminderRule.NextActionAfter(progress, today) is not { } next || ReminderRule.Decide(progress, next) is not FollowUpAction.Remind;
    }
}
