using System.Globalization;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Something a clinic reports about a patient after a procedure: a death, a withdrawal or an opt-out (each ends the
/// patient's surveys), or a new vertebral fracture (data for the reports), on the day it happened. Only a new fracture
/// has <see cref="Levels"/>: the newly fractured vertebrae, when known.
/// </summary>
public sealed record PatientEvent(PatientEventType Type, DateOnly Date, IReadOnlyList<VertebralLevel> Levels)
{
    /// <summary>
    /// Why an event cannot be dated <paramref name="date"/>, or null when it can: an event happens after the procedure
    /// (<paramref name="procedureDate"/>) and has already happened by the clinic-local <paramref name="clinicToday"/>.
    /// </summary>
    public static string? WhyNotDate(DateOnly date, DateOnly procedureDate, DateOnly clinicToday) =>
        date > clinicToday
            ? $"An event is reported once it has happened: {date:yyyy-MM-dd} is after the clinic's today, {clinicToday:yyyy-MM-dd}."
        : date < procedureDate
            ? $"An event is reported for after the procedure: {date:yyyy-MM-dd} is before the procedure date, {procedureDate:yyyy-MM-dd}."
        : null;

    /// <summary>Why an event of <paramref name="type"/> cannot list levels, or null when it can.</summary>
    public static string? WhyNoLevels(PatientEventType? type) =>
        type is PatientEventType.NewFracture or null ? null : "Only a new_fracture event has levels (the newly fractured vertebrae).";

    /// <summary>
    /// What makes two reports the same event, so a repeated report is recognised rather than counted twice: a patient
    /// dies, withdraws or opts out once ("death"); a new fracture is the same one when reported for the same day and the
    /// same levels ("new_fracture_2026-02-20_L2-L3", or without levels "new_fracture_2026-02-20"). Letters, digits,
    /// '_' and '-' only.
    /// </summary>
    public string Key => Type != PatientEventType.NewFracture ? Type.ToWire()
        : Levels.Count == 0 ? $"{Type.ToWire()}_{Day(Date)}"
        : $"{Type.ToWire()}_{Day(Date)}_{string.Join("-", Levels.Order())}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
