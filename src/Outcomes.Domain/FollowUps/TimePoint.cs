namespace Outcomes.Domain.FollowUps;

/// <summary>A follow-up time point, counted in calendar terms from the procedure date.</summary>
public sealed record TimePoint(string Code, Period After)
{
    public static readonly TimePoint OneWeek = new("1w", Period.FromWeeks(1));
    public static readonly TimePoint OneMonth = new("1m", Period.FromMonths(1));
    public static readonly TimePoint ThreeMonths = new("3m", Period.FromMonths(3));
    public static readonly TimePoint SixMonths = new("6m", Period.FromMonths(6));
    public static readonly TimePoint TwelveMonths = new("12m", Period.FromMonths(12));
    public static readonly IReadOnlyList<TimePoint> All = [OneWeek, OneMonth, ThreeMonths, SixMonths, TwelveMonths];

    public DateOnly DueAfter(DateOnly procedureDate) => After.AddTo(procedureDate);

    /// <summary>The time point after this one, or null for the last.</summary>
    public TimePoint? Next => All.SkipWhile(t => t != this).Skip(1).FirstOrDefault();

    /// <summary>Parses "1w", "1m", "3m", "6m" or "12m" (case-insensitive).</summary>
    public static bool TryParse(string? code, out TimePoint timePoint)
    {
        timePoint = All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return timePoint is not null;
    }

    public static (TimePoint? TimePoint, Rejection? Why) Parse(string? code, string field = "timePoint") =>
        TryParse(code, out var timePoint)
            ? (timePoint, null)
            : (null, Rejection.Invalid(field, $"'{Rejection.Excerpt(code ?? "")}' is not a time point; use one of: {string.Join(", ", All.Select(t => t.Code))}."));

    public override string ToString() => Code;
}
