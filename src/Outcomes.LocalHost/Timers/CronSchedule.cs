using NCrontab;

namespace Outcomes.LocalHost.Timers;

/// <summary>An NCRONTAB timer schedule: six fields with seconds, as the host documents, or five without.</summary>
internal sealed class CronSchedule
{
    private readonly CrontabSchedule schedule;

    private CronSchedule(string expression, CrontabSchedule schedule) => (Expression, this.schedule) = (expression, schedule);

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not a five- or six-field NCRONTAB expression.</exception>
    public static CronSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
            throw new FormatException($"The timer schedule '{expression}' has {fields} fields; NCRONTAB needs six ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}) or five.");
        var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            ?? throw new FormatException($"The timer schedule '{expression}' is not a valid NCRONTAB expression.");
        return new CronSchedule(expression, parsed);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC (timer schedules are UTC on Linux plans).</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    public override string ToString() => Expression;
}
