namespace Outcomes.Domain.FollowUps;

/// <summary>The days on which a survey answer is accepted: from the due date up to, not including, <see cref="ClosesBefore"/>.</summary>
public sealed record SurveyWindow
{
    public SurveyWindow(DateOnly opens, DateOnly closesBefore)
    {
        if (closesBefore <= opens) throw new ArgumentException("A survey window must be at least one day long.", nameof(closesBefore));
        (Opens, ClosesBefore) = (opens, closesBefore);
    }

    public DateOnly Opens { get; }
    public DateOnly ClosesBefore { get; }

    /// <summary>The last day on which an answer is accepted.</summary>
    public DateOnly LastDay => ClosesBefore.AddDays(-1);

    public int LengthInDays => ClosesBefore.DayNumber - Opens.DayNumber;

    public bool Contains(DateOnly day) => Opens <= day && day < ClosesBefore;

    public bool HasClosedBy(DateOnly today) => today >= ClosesBefore;

    /// <summary>Days on which the patient can still answer, today included: 1 on the last day, 0 once closed.</summary>
    public int DaysLeft(DateOnly today) =>
        Math.Max(0, ClosesBefore.DayNumber - Math.Max(today.DayNumber, Opens.DayNumber));
}
