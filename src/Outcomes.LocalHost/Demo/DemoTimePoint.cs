namespace Outcomes.LocalHost.Demo;

/// <summary>
/// The survey calendar as the API documents it, for choosing days the API accepts: each time point is due a week or some
/// months after the procedure and takes answers until the next one is due (the last for three months).
/// </summary>
internal sealed record DemoTimePoint(string Code, int Weeks, int Months)
{
    public static readonly IReadOnlyList<DemoTimePoint> All =
    [
        new("1w", 1, 0), new("1m", 0, 1), new("3m", 0, 3), new("6m", 0, 6), new("12m", 0, 12),
    ];

    public DateOnly DueAfter(DateOnly procedureDate) => procedureDate.AddDays(7 * Weeks).AddMonths(Months);

    /// <summary>The first day the survey takes no more answers.</summary>
    public DateOnly ClosesBefore(DateOnly procedureDate)
    {
        var index = All.ToList().IndexOf(this);
        return index + 1 < All.Count ? All[index + 1].DueAfter(procedureDate) : DueAfter(procedureDate).AddMonths(3);
    }
}
