namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Which follow-ups a clinic's listing of its procedures asks for: a status, a time point and a due date range, each
/// optional (none: every follow-up). A procedure is listed when any of its follow-ups matches, once, under its
/// <see cref="FirstMatch"/>: the listing runs through follow-ups in <see cref="Order"/> (status, then time point, then
/// due date), so a procedure with two matching follow-ups would otherwise come twice.
/// </summary>
public sealed record FollowUpFilter(FollowUpStatus? Status = null, TimePoint? TimePoint = null, DateOnly? DueFrom = null, DateOnly? DueTo = null)
{
    public static readonly FollowUpFilter Any = new();

    public bool IsAny => this == Any;

    public bool Matches(ScheduledFollowUp f) =>
        (Status is not { } status || f.Status == status)
        && (TimePoint is not { } timePoint || f.TimePoint == timePoint)
        && (DueFrom is not { } from || f.Due >= from)
        && (DueTo is not { } to || f.Due <= to);

    /// <summary>The statuses and time points to run through, in the listing's order.</summary>
    public IReadOnlyList<(FollowUpStatus Status, TimePoint TimePoint)> Order() =>
        [.. from s in Status is { } status ? [status] : Enum.GetValues<FollowUpStatus>()
            from t in TimePoint is { } timePoint ? [timePoint] : FollowUps.TimePoint.All
            select (s, t)];

    /// <summary>The procedure's first follow-up in the listing's order that matches; null when none does.</summary>
    public ScheduledFollowUp? FirstMatch(IEnumerable<ScheduledFollowUp> followUps) =>
        followUps.Where(Matches).OrderBy(f => f.Status).ThenBy(f => Position(f.TimePoint)).FirstOrDefault();

    private static int Position(TimePoint t)
    {
        for (var i = 0; i < FollowUps.TimePoint.All.Count; i++)
            if (FollowUps.TimePoint.All[i] == t) return i;
        return int.MaxValue;
    }
}
