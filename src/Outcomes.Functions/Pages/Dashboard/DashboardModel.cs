namespace Outcomes.Functions.Dashboard;

/// <summary>
/// What the dashboard page shows, in plain records: the page knows nothing of the report engine's types, and a mapping
/// fills these from a report. A null figure is one the report withheld (small-cell suppression) or could not compute.
/// </summary>
/// <param name="Scope">Whose outcomes: the clinic's name, or "All clinics" for an analyst's cross-clinic view.</param>
/// <param name="Filters">The filters applied, one human-readable line each ("Procedure: vertebroplasty").</param>
/// <param name="SuppressionMinimum">In a cross-clinic view, the fewest patients a figure is shown for (5); null in a clinic's own view.</param>
/// <param name="Funnel">The analysts' funnel plot of clinics; null for a clinic.</param>
internal sealed record DashboardModel(
    string Scope,
    IReadOnlyList<string> Filters,
    string GeneratedAt,
    CohortFigures Cohort,
    IReadOnlyList<TimePointRow> TimePoints,
    IReadOnlyList<BenchmarkPoint> Benchmarks,
    IReadOnlyList<StudyReference> Studies,
    FunnelView? Funnel,
    int? SuppressionMinimum = null,
    string? SignOutPath = null);

/// <summary>A mean with its spread: n, mean, SD, t-based 95% CI, median and quartiles.</summary>
internal sealed record MeanFigure(int N, double Mean, double? Sd = null, double? CiLow = null, double? CiHigh = null,
    double? Median = null, double? Q1 = null, double? Q3 = null);

/// <summary>A share: count of n, the share 0..1 and its 95% (Wilson) interval.</summary>
internal sealed record ShareFigure(int Count, int N, double Share, double CiLow, double CiHigh);

/// <summary>One time point (baseline, 1w, 1m, 3m, 6m, 12m).</summary>
internal sealed record TimePointRow(
    string Code,
    int? Due,
    int? Answered,
    ShareFigure? ResponseRate,
    MeanFigure? Pain,
    MeanFigure? Change,
    ShareFigure? ImprovedTwoPoints,
    ShareFigure? ImprovedThirtyPercent,
    ShareFigure? AnyMedication,
    ShareFigure? Opioid,
    bool Suppressed = false);

/// <summary>The cohort and safety figures.</summary>
internal sealed record CohortFigures(
    int? Patients,
    int? Procedures,
    int? Vertebrae,
    ShareFigure? Mortality30Days,
    int? PatientsWithNewFracture,
    int? NewFractures,
    ShareFigure? NewFractureShare,
    int? ReportedByPatient = null,
    int? UnsureByPatient = null);

/// <summary>
/// A published figure beside the clinic's: <paramref name="Measure"/> as in the catalog (pain_mean, pain_mean_range,
/// pain_change, mortality_30d, new_fracture_patients, …). <paramref name="Value"/> is null when the study reports the
/// result only in words (<paramref name="Note"/>); a range measure has <paramref name="Low"/>/<paramref name="High"/>;
/// a count has <paramref name="Numerator"/>/<paramref name="Denominator"/>. <paramref name="Arm"/> is the procedure the
/// figure's patients had: vertebroplasty, kyphoplasty, or "both" for a study that reports them together.
/// </summary>
internal sealed record BenchmarkPoint(
    string StudyId,
    string TimePoint,
    string Measure,
    double? Value,
    double? Low = null,
    double? High = null,
    int? N = null,
    int? Numerator = null,
    int? Denominator = null,
    string? Note = null,
    bool? Overlaps = null,
    string? Arm = null);

/// <summary>A study the benchmarks come from, with its citation.</summary>
internal sealed record StudyReference(string Id, string Citation, string? Url, string? Procedure, int? Patients);

/// <summary>
/// The analysts' funnel plot: each clinic's mean change in pain (case-mix adjusted or crude) against its patients,
/// around the pooled mean, with control limits pooled ± z·SD/√n.
/// </summary>
internal sealed record FunnelView(
    string TimePoint,
    bool CaseMixAdjusted,
    double PooledMean,
    double Sd,
    double Z95,
    double Z998,
    IReadOnlyList<FunnelClinicRow> Clinics);

/// <summary>One clinic on the funnel plot, with its observed and expected change and its response rate beside it.</summary>
internal sealed record FunnelClinicRow(
    string Label,
    int N,
    double Value,
    double? Observed,
    double? Expected,
    ShareFigure? ResponseRate,
    bool Outside95,
    bool Outside998);
