namespace Outcomes.Domain.Reports;

/// <summary>
/// The date each clinic is at when a report is made, in its own calendar (procedure dates are clinic-local, so what has
/// come due is counted against the clinic's today, ARCHITECTURE §5); <see cref="Default"/> for a clinic not listed.
/// </summary>
public sealed record ClinicDates(DateOnly Default, IReadOnlyDictionary<string, DateOnly>? ByClinic = null)
{
    public DateOnly Of(string clinicId) => ByClinic is not null && ByClinic.TryGetValue(clinicId, out var today) ? today : Default;

    /// <summary>Every clinic at the same date.</summary>
    public static implicit operator ClinicDates(DateOnly today) => new(today);
}
