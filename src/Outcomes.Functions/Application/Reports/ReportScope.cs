using Outcomes.Domain.Clinics;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Whose figures a report or dashboard shows, and under which rule: a clinic key sees its own clinic, unsuppressed, and
/// never another; an analyst sees one clinic (<c>clinicId</c>) or all, always under small-cell suppression that holds
/// against differencing, with dates in whole years. The admin key sees none.
/// </summary>
internal sealed record ReportScope(IReadOnlyList<Clinic> Clinics, Clinic? OneClinic, Suppression? Suppression, bool Analyst)
{
    /// <summary>Why a caller gets no report: the HTTP status, a title and a detail.</summary>
    public sealed record Refusal(int Status, string Title, string Detail);

    public IReadOnlyList<string> ClinicIds => Clinics.Select(c => c.ClinicId).ToList();

    /// <summary>The filter as this caller may ask it: an analyst's dates widened to whole years (<see cref="OutcomeReportFilter.InWholeYears"/>).</summary>
    public OutcomeReportFilter Widen(OutcomeReportFilter filter) => Analyst ? filter.InWholeYears() : filter;

    /// <summary>Each clinic's today at <paramref name="now"/>, in its own calendar.</summary>
    public static ClinicDates DatesOf(IEnumerable<Clinic> clinics, DateTimeOffset now)
    {
        var utc = DateOnly.FromDateTime(now.UtcDateTime);
        return new ClinicDates(utc, clinics.ToDictionary(c => c.ClinicId, c => ClinicCalendar.For(c.TimeZone).Calendar?.LocalDate(now) ?? utc, StringComparer.Ordinal));
    }

    public static async Task<(ReportScope? Scope, Refusal? Why)> ForAsync(Caller? caller, string? clinicId, IClinicStore clinics, CancellationToken ct)
    {
        switch (caller)
        {
            case Caller.Clinic own when clinicId is null || own.Owns(clinicId):
                return await clinics.FindAsync(own.ClinicId, ct) is { } clinic
                    ? (new ReportScope([clinic], clinic, null, false), null)
                    : (null, new Refusal(StatusCodes.Status403Forbidden, "No such clinic", "The key names a clinic that is not registered in Outcomes."));
            case Caller.Clinic:
                return (null, new Refusal(StatusCodes.Status403Forbidden, "Not your clinic",
                    "A clinic key sees its own clinic's figures only: leave out clinicId, or give your own."));
            case Caller.Analyst when clinicId is null:
                return (new ReportScope(await clinics.AllAsync(ct), null, Suppression.CrossClinic, true), null);
            case Caller.Analyst:
                return await clinics.FindAsync(clinicId, ct) is { } chosen
                    ? (new ReportScope([chosen], chosen, Suppression.CrossClinic, true), null)
                    : (null, new Refusal(StatusCodes.Status404NotFound, "No such clinic", $"There is no clinic '{clinicId}'."));
            default:
                return (null, new Refusal(StatusCodes.Status403Forbidden, "Not for this key", "Reports are for clinic and analyst keys; the admin key does not open them."));
        }
    }
}
