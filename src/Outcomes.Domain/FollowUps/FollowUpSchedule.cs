namespace Outcomes.Domain.FollowUps;

/// <summary>When a procedure's follow-ups are due and when each survey accepts answers.</summary>
public static class FollowUpSchedule
{
    /// <summary>
    /// The last time point has no next one to close against, so its window is fixed at three months:
    /// as long as the 3m→6m window, and 12 months + 3 months still reads as "about a year".
    /// </summary>
    public static readonly Period LastWindowLength = Period.FromMonths(3);

    /// <summary>The five follow-ups, each open from its due date until before the next one is due; all pending.</summary>
    public static IReadOnlyList<ScheduledFollowUp> For(DateOnly procedureDate) =>
        TimePoint.All.Select(t => new ScheduledFollowUp(t, t.DueAfter(procedureDate), WindowOf(t, procedureDate), FollowUpStatus.Pending)).ToList();

    /// <summary>
    /// For a procedure registered on <paramref name="today"/> (possibly late): follow-ups whose window has
    /// already closed are missed and never invited; the rest are pending.
    /// </summary>
    public static IReadOnlyList<ScheduledFollowUp> For(DateOnly procedureDate, DateOnly today) =>
        For(procedureDate).Select(f => f.Window.HasClosedBy(today) ? f with { Status = FollowUpStatus.Missed } : f).ToList();

    /// <summary>
    /// The first and last due date of <paramref name="timePoint"/>'s follow-ups whose window closes (its first day without
    /// answers, <see cref="SurveyWindow.ClosesBefore"/>) from <paramref name="firstClose"/> to <paramref name="lastClose"/>;
    /// null when no procedure date gives one. Due dates and closes rise together with the procedure date.
    /// </summary>
    public static (DateOnly From, DateOnly To)? DueWhenClosing(TimePoint timePoint, DateOnly firstClose, DateOnly lastClose)
    {
        (DateOnly From, DateOnly To)? range = null;
        // A window closes at most 15 months after its procedure (12 months, then 3): earlier procedures close earlier.
        for (var procedureDate = firstClose.AddMonths(-16); procedureDate <= lastClose; procedureDate = procedureDate.AddDays(1))
        {
            var window = WindowOf(timePoint, procedureDate);
            if (window.ClosesBefore >= firstClose && window.ClosesBefore <= lastClose)
                range = (range?.From ?? window.Opens, window.Opens);
        }
        return range;
    }

    public static SurveyWindow WindowOf(TimePoint timePoint, DateOnly procedureDate)
    {
        var due = timePoint.DueAfter(procedureDate);
        var closesBefore = timePoint.Next is { } next ? next.DueAfter(procedureDate) : LastWindowLength.AddTo(due);
        return new SurveyWindow(due, closesBefore);
    }
}
