namespace Outcomes.Domain.Procedures;

/// <summary>A clinic's registration of one vertebral augmentation: who, how to reach them, what was done and the baseline.</summary>
public sealed record ProcedureRegistration(
    string PatientRef, PatientContact Contact, ProcedureType ProcedureType, DateOnly ProcedureDate,
    IReadOnlyList<VertebralLevel> Levels, Etiology Etiology, Baseline Baseline, ProcedureDetails Details)
{
    public const int MaxLevels = 25;
    /// <summary>
    /// The earliest procedure date taken. Outcomes follows patients up from registration on: an older date is a typing
    /// mistake (0001-01-01, 1900-01-01), and would put a procedure that can never be surveyed into the report's cohort.
    /// </summary>
    public static readonly DateOnly EarliestProcedureDate = new(2000, 1, 1);

    /// <summary>
    /// Why a procedure cannot be registered as done on <paramref name="date"/>, or null when it can.
    /// <paramref name="clinicToday"/> is the clinic-local date: a procedure may be registered late, never ahead.
    /// </summary>
    public static string? WhyNotProcedureDate(DateOnly date, DateOnly clinicToday) =>
        date > clinicToday
            ? $"The procedure date may be in the past, not in the future: {date:yyyy-MM-dd} is after the clinic's today, {clinicToday:yyyy-MM-dd}."
        : date < EarliestProcedureDate
            ? $"The procedure date is {EarliestProcedureDate:yyyy-MM-dd} or later; {date:yyyy-MM-dd} is before any procedure Outcomes follows up."
        : null;
}
