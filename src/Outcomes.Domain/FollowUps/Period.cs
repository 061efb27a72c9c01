namespace Outcomes.Domain.FollowUps;

public enum PeriodUnit { Weeks, Months }

/// <summary>A span counted in calendar terms: months land on the same day of the month, or its last day.</summary>
public readonly record struct Period(int Count, PeriodUnit Unit)
{
    public static Period FromWeeks(int weeks) => new(weeks, PeriodUnit.Weeks);
    public static Period FromMonths(int months) => new(months, PeriodUnit.Months);

    /// <summary>31 Jan + 1 month = 28 Feb (29 in a leap year); 29 Feb + 12 months = 28 Feb.</summary>
    public DateOnly AddTo(DateOnly date) => Unit switch
    {
        PeriodUnit.Weeks => date.AddDays(7 * Count),
        _ => date.AddMonths(Count),   // DateOnly.AddMonths clamps to the month's last day
    };
}
