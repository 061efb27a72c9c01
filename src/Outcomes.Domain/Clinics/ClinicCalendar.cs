namespace Outcomes.Domain.Clinics;

/// <summary>
/// A clinic's local calendar: which day an instant falls on there, and when its daytime (for sending
/// invitations) starts. Daylight-saving gaps resolve forward (a skipped 09:00 becomes the first instant after the
/// gap) and overlaps resolve to the earlier instant.
/// </summary>
public sealed class ClinicCalendar
{
    public static readonly TimeOnly DaytimeStarts = new(9, 0);
    public static readonly TimeOnly DaytimeEnds = new(19, 0);

    private readonly TimeZoneInfo _zone;

    private ClinicCalendar(string timeZoneId, TimeZoneInfo zone) => (TimeZoneId, _zone) = (timeZoneId, zone);

    /// <summary>The IANA time-zone id the calendar was built from, e.g. "Europe/Berlin".</summary>
    public string TimeZoneId { get; }

    /// <summary>Builds the calendar of an IANA time zone, or says the id is not one.</summary>
    public static (ClinicCalendar? Calendar, Rejection? Why) For(string? timeZoneId, string field = "timeZone")
    {
        if (string.IsNullOrWhiteSpace(timeZoneId)) return (null, Rejection.Missing(field));
        var unknown = Rejection.Invalid(field, $"'{timeZoneId}' is not an IANA time-zone id such as 'Europe/Berlin' or 'Pacific/Auckland'.");
        if (timeZoneId.Length > 64) return (null, unknown);
        try
        {
            return (new ClinicCalendar(timeZoneId, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)), null);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return (null, unknown);
        }
    }

    public DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The clinic-local date of an instant: "today" for the clinic.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant).DateTime);

    /// <summary>Whether the instant lies in the clinic's daytime, 09:00 up to 19:00 local time.</summary>
    public bool IsDaytime(DateTimeOffset instant)
    {
        var time = TimeOnly.FromDateTime(LocalTime(instant).DateTime);
        return time >= DaytimeStarts && time < DaytimeEnds;
    }

    /// <summary>The first start of daytime (09:00 local) at or after the instant.</summary>
    public DateTimeOffset NextDaytimeStart(DateTimeOffset instant)
    {
        for (var day = LocalDate(instant).AddDays(-1); ; day = day.AddDays(1))
        {
            var start = DaytimeStartOn(day);
            if (start >= instant) return start;
        }
    }

    /// <summary>The instant itself in daytime, otherwise the next daytime start: when an invitation due now may go out.</summary>
    public DateTimeOffset EarliestSendingTime(DateTimeOffset instant) =>
        IsDaytime(instant) ? instant : NextDaytimeStart(instant);

    /// <summary>09:00 local on the given clinic-local date.</summary>
    public DateTimeOffset DaytimeStartOn(DateOnly day) => Resolve(day.ToDateTime(DaytimeStarts));

    /// <summary>The first instant of a clinic-local day (e.g. when a survey window closing before that day ends).</summary>
    public DateTimeOffset StartOfDay(DateOnly day) => Resolve(day.ToDateTime(TimeOnly.MinValue));

    private DateTimeOffset Resolve(DateTime local)
    {
        if (_zone.IsAmbiguousTime(local))
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, _zone.GetAmbiguousTimeOffsets(local).Max()), _zone);
        // For a time in a gap, GetUtcOffset gives the offset in force before the gap, which lands as far past the gap
        // as the time was into it (00:00 in Havana's spring-forward is 01:00 daylight time). The tests pin this.
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, _zone.GetUtcOffset(local)), _zone);
    }
}
