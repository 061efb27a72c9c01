using Outcomes.Domain.Clinics;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>The clinic's today, in its own time zone (the UTC date for a clinic without a readable one).</summary>
internal static class ClinicToday
{
    public static async Task<DateOnly> OfAsync(IClinicStore clinics, string clinicId, TimeProvider clock, CancellationToken ct) =>
        Of(await clinics.FindAsync(clinicId, ct), clock.GetUtcNow());

    public static DateOnly Of(Clinic? clinic, DateTimeOffset now) =>
        ClinicCalendar.For(clinic?.TimeZone).Calendar?.LocalDate(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
}
