using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Reports;

/// <summary>One cell's tallies as kept (ARCHITECTURE §4): its cohort and, by time point code, its follow-up and answer counts.</summary>
public sealed record CellTallies(string ClinicId, TallyCell Cell, CohortTally Cohort, IReadOnlyDictionary<string, TimePointTally> TimePoints);

/// <summary>
/// Which procedures a report covers: of one procedure type and etiology when given, done in the procedure months
/// <see cref="FromMonth"/> to <see cref="ToMonth"/> (both included, either open). Months are whole: the tallies are
/// kept per procedure month, so a date filter is widened to the months it falls in.
/// </summary>
public sealed record OutcomeReportFilter(ProcedureType? ProcedureType = null, Etiology? Etiology = null, DateOnly? FromMonth = null, DateOnly? ToMonth = null)
{
    public bool Includes(TallyCell cell) =>
        (ProcedureType is not { } type || cell.ProcedureType == type)
        && (Etiology is not { } etiology || cell.Etiology == etiology)
        && (FromMonth is not { } from || cell.FirstDay >= new DateOnly(from.Year, from.Month, 1))
        && (ToMonth is not { } to || cell.FirstDay <= new DateOnly(to.Year, to.Month, 1));

    /// <summary>
    /// The filter widened to whole calendar years, as analysts' views are (<see cref="Disclosure.DifferencingGuard"/>):
    /// from January of its first year to December of its last.
    /// </summary>
    public OutcomeReportFilter InWholeYears() => this with
    {
        FromMonth = FromMonth is { } from ? new DateOnly(from.Year, 1, 1) : null,
        ToMonth = ToMonth is { } to ? new DateOnly(to.Year, 12, 1) : null,
    };

    /// <summary>The procedure types the report speaks of: the one asked for, or both.</summary>
    public IReadOnlyList<ProcedureType> ProcedureTypes =>
        ProcedureType is { } type ? [type] : [Procedures.ProcedureType.Vertebroplasty, Procedures.ProcedureType.Kyphoplasty];
}

/// <summary>
/// A cohort's outcomes per time point beside the published benchmarks: what GET /api/reports/outcomes answers. Every
/// figure is a <see cref="Reportable{T}"/>: under small-cell suppression (<see cref="Suppression"/> not null) a figure
/// resting on fewer patients than its minimum is withheld. Nothing in it names a patient: tallies hold counts only.
/// </summary>
/// <param name="Clinics">How many clinics' tallies were summed.</param>
/// <param name="Today">The date what has come due (surveys, 30 days of follow-up) is counted to: the clinic's today for one clinic, else the default (UTC) date; each clinic's cells are counted at its own.</param>
public sealed record OutcomeReport(
    OutcomeReportFilter Filter,
    int Clinics,
    DateOnly Today,
    Suppression? Suppression,
    CohortFigures Cohort,
    Reportable<Proportion> Mortality30Day,
    NewFractureFigures NewFractures,
    IReadOnlyList<TimePointReport> TimePoints,
    IReadOnlyList<BenchmarkComparison> SafetyBenchmarks,
    IReadOnlyList<BenchmarkStudy> Studies);

/// <summary>Patients (each counted in the cell of their earliest procedure at the clinic), procedures and vertebrae treated.</summary>
public sealed record CohortFigures(Reportable<int> Patients, Reportable<int> Procedures, Reportable<int> Vertebrae);

/// <summary>
/// New vertebral fractures during follow-up, each patient counted once: recorded by the clinic (patients, the fractures
/// recorded, and the share of the patients followed up, Wilson 95%); reported by the patient on a survey ("yes"), and
/// "unsure" apart; and from either source, with its share of the patients followed up (those whose first survey, one
/// week after their earliest procedure, has come due).
/// </summary>
public sealed record NewFractureFigures(Reportable<int> PatientsWithNewFracture, Reportable<int> Fractures, Reportable<Proportion> Share,
    Reportable<int> ReportedByPatient, Reportable<int> UnsureByPatient, Reportable<int> Either, Reportable<Proportion> EitherShare);

/// <summary>
/// One time point's figures. At <c>baseline</c> (captured at registration) due and answered are the procedures, pain
/// and medication come from the registrations, and the change and improvement figures are null (not applicable).
/// </summary>
/// <param name="Due">Surveys whose window has opened by the clinic's calendar, whether or not the timer has run; a survey whose window opens after a death, withdrawal or opt-out is not due.</param>
/// <param name="ResponseRate">Answered of due.</param>
/// <param name="Change">Follow-up minus baseline pain, paired per answer: negative is better.</param>
/// <param name="ImprovedTwoPoints">Answers at least 2 points below their baseline, of all answers.</param>
/// <param name="ImprovedThirtyPercent">Answers at least 30% below their baseline, of the answers whose baseline was above 0 (a baseline of 0 cannot improve, so those answers are left out of both counts).</param>
/// <param name="AnyMedication">Answers naming any pain medication, of the answers to the medication question.</param>
/// <param name="Opioid">Answers naming a weak or strong opioid, of the answers to the medication question.</param>
/// <param name="Benchmarks">The published figures for the same procedure type(s) and time point.</param>
public sealed record TimePointReport(
    string TimePoint,
    Reportable<int> Due,
    Reportable<int> Answered,
    Reportable<Proportion> ResponseRate,
    Reportable<Summary> Pain,
    Reportable<Summary>? Change,
    Reportable<Proportion>? ImprovedTwoPoints,
    Reportable<Proportion>? ImprovedThirtyPercent,
    Reportable<Proportion> AnyMedication,
    Reportable<Proportion> Opioid,
    IReadOnlyList<BenchmarkComparison> Benchmarks);

/// <summary>
/// A published figure beside the report's own for the same measure: whether the report's 95% interval agrees with it
/// (<see cref="BenchmarkFigure.Overlaps"/>, or for a count figure the interval containing numerator/denominator). Null
/// when there is nothing to compare: the report's figure is suppressed or missing, or the measure has no counterpart.
/// </summary>
public sealed record BenchmarkComparison(BenchmarkFigure Figure, ProcedureType ProcedureType, bool? Overlaps);
