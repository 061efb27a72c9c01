using Outcomes.Domain.Clinics;

namespace Outcomes.Domain.Tests.Clinics;

public class ClinicCalendarTests
{
    static ClinicCalendar In(string zone) => ClinicCalendar.For(zone).Calendar!;
    static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Pacific/Kiritimati", "2026-03-01T09:59Z", "2026-03-01")]   // UTC+14
    [InlineData("Pacific/Kiritimati", "2026-03-01T10:00Z", "2026-03-02")]
    [InlineData("Pacific/Chatham", "2026-01-15T10:14Z", "2026-01-15")]      // UTC+13:45 in summer
    [InlineData("Pacific/Chatham", "2026-01-15T10:15Z", "2026-01-16")]
    [InlineData("Pacific/Auckland", "2026-01-15T10:59Z", "2026-01-15")]     // UTC+13 in summer
    [InlineData("Pacific/Auckland", "2026-01-15T11:00Z", "2026-01-16")]
    [InlineData("Asia/Kolkata", "2026-03-01T18:29Z", "2026-03-01")]         // UTC+5:30
    [InlineData("Asia/Kolkata", "2026-03-01T18:30Z", "2026-03-02")]
    [InlineData("Australia/Adelaide", "2026-01-15T13:29Z", "2026-01-15")]   // UTC+10:30 in summer
    [InlineData("Australia/Adelaide", "2026-01-15T13:30Z", "2026-01-16")]
    [InlineData("America/New_York", "2026-01-16T04:59Z", "2026-01-15")]     // UTC-5 in winter
    [InlineData("America/New_York", "2026-01-16T05:00Z", "2026-01-16")]
    [InlineData("America/New_York", "2026-07-16T03:59Z", "2026-07-15")]     // UTC-4 in summer
    [InlineData("America/New_York", "2026-07-16T04:00Z", "2026-07-16")]
    [InlineData("Europe/Berlin", "2026-07-15T21:59Z", "2026-07-15")]        // UTC+2 in summer
    [InlineData("Europe/Berlin", "2026-07-15T22:00Z", "2026-07-16")]
    [InlineData("Pacific/Kiritimati", "1994-12-31T09:59Z", "1994-12-30")]   // the day Kiritimati skipped
    [InlineData("Pacific/Kiritimati", "1994-12-31T10:00Z", "1995-01-01")]
    public void The_clinic_local_date_turns_at_local_midnight(string zone, string instant, string date) =>
        Assert.Equal(DateOnly.Parse(date), In(zone).LocalDate(At(instant)));

    [Theory]
    [InlineData("America/New_York", "2026-03-08T05:00Z", "2026-03-08T13:00Z")]    // spring forward: 09:00 EDT
    [InlineData("America/New_York", "2026-11-01T04:00Z", "2026-11-01T14:00Z")]    // fall back: 09:00 EST
    [InlineData("Europe/Berlin", "2026-03-28T23:30Z", "2026-03-29T07:00Z")]
    [InlineData("Europe/Berlin", "2026-10-24T22:30Z", "2026-10-25T08:00Z")]
    [InlineData("Pacific/Auckland", "2026-04-04T11:30Z", "2026-04-04T21:00Z")]    // NZDT ends: 09:00 at UTC+12
    [InlineData("Pacific/Auckland", "2026-09-26T12:30Z", "2026-09-26T20:00Z")]    // NZDT starts: 09:00 at UTC+13
    [InlineData("Pacific/Chatham", "2026-04-04T11:00Z", "2026-04-04T20:15Z")]
    [InlineData("Pacific/Chatham", "2026-09-26T12:00Z", "2026-09-26T19:15Z")]
    [InlineData("Australia/Adelaide", "2026-04-04T14:00Z", "2026-04-04T23:30Z")]
    [InlineData("Australia/Adelaide", "2026-10-03T14:00Z", "2026-10-03T22:30Z")]
    [InlineData("Asia/Kolkata", "2026-03-01T14:00Z", "2026-03-02T03:30Z")]        // after 19:00: tomorrow 09:00
    [InlineData("Pacific/Kiritimati", "2026-03-01T20:00Z", "2026-03-02T19:00Z")]  // 10:00 local: next day's start
    [InlineData("Pacific/Kiritimati", "2026-03-02T19:00Z", "2026-03-02T19:00Z")]  // exactly 09:00 is a start
    [InlineData("Pacific/Kiritimati", "1994-12-31T06:00Z", "1994-12-31T19:00Z")]  // 31 Dec 1994 never happened there
    [InlineData("Pacific/Apia", "2011-12-30T06:00Z", "2011-12-30T19:00Z")]        // nor 30 Dec 2011 in Samoa
    public void Daytime_starts_at_nine_local_on_daylight_saving_change_days_too(string zone, string from, string expected) =>
        Assert.Equal(At(expected), In(zone).NextDaytimeStart(At(from)));

    [Theory]
    [InlineData("Asia/Kolkata", "2026-03-02T03:29Z", false)]   // 08:59
    [InlineData("Asia/Kolkata", "2026-03-02T03:30Z", true)]    // 09:00
    [InlineData("Asia/Kolkata", "2026-03-02T13:29Z", true)]    // 18:59
    [InlineData("Asia/Kolkata", "2026-03-02T13:30Z", false)]   // 19:00
    [InlineData("Pacific/Chatham", "2026-01-15T19:15Z", true)] // 09:00 +13:45
    [InlineData("Pacific/Chatham", "2026-01-15T19:14Z", false)]
    [InlineData("America/New_York", "2026-03-08T13:00Z", true)]
    [InlineData("America/New_York", "2026-03-08T12:59Z", false)]   // 08:59 EDT, though 07:59 in EST terms
    public void Daytime_runs_from_nine_until_seven_in_the_evening_local_time(string zone, string instant, bool daytime) =>
        Assert.Equal(daytime, In(zone).IsDaytime(At(instant)));

    [Theory]
    [InlineData("2026-03-02T05:00Z", "2026-03-02T05:00Z")]   // 10:30 local: send now
    [InlineData("2026-03-02T14:00Z", "2026-03-03T03:30Z")]   // 19:30 local: tomorrow morning
    public void An_invitation_due_now_goes_out_now_in_daytime_else_at_the_next_daytime_start(string now, string expected) =>
        Assert.Equal(At(expected), In("Asia/Kolkata").EarliestSendingTime(At(now)));

    [Theory]
    [InlineData("2026-03-08", "2026-03-08T05:00Z")]   // Havana springs forward at midnight: the day starts at 01:00
    [InlineData("2026-11-01", "2026-11-01T04:00Z")]   // and falls back to midnight: the day starts at the first midnight
    [InlineData("2026-03-07", "2026-03-07T05:00Z")]
    public void A_day_starts_at_its_first_existing_instant(string day, string expected) =>
        Assert.Equal(At(expected), In("America/Havana").StartOfDay(DateOnly.Parse(day)));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("CET5")]
    [InlineData("../../etc/passwd")]
    [InlineData("Europe/Berlin ")]
    public void An_unknown_time_zone_is_rejected_naming_the_field(string zone)
    {
        var (calendar, why) = ClinicCalendar.For(zone);

        Assert.Null(calendar);
        Assert.Equal("timeZone", why!.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_missing_time_zone_is_rejected_as_missing(string? zone) =>
        Assert.Equal("missing-field", ClinicCalendar.For(zone).Why!.Code);
}
