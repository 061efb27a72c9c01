using System.Globalization;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/reports/outcomes as JSON (and, row by row, as CSV: <see cref="OutcomeReportCsv"/>). A figure withheld by
/// small-cell suppression is the string <c>"suppressed"</c> where its number or object would be. Intervals are
/// <c>[low, high]</c>; shares are 0..1 (the benchmark file writes its percentages as 0..100, as the papers did).
/// </summary>
public static class OutcomeReportView
{
    public const string Suppressed = "suppressed";

    /// <param name="Scope">Whose procedures: one clinic (<c>clinicId</c>) or every clinic (<c>clinicId</c> null, cross-clinic).</param>
    /// <param name="Period">The procedure months covered; dates asked for are widened to whole months (whole years for analysts).</param>
    /// <param name="AsOf">The date what has come due is counted to: the clinic's today for one clinic; across clinics the UTC date, each clinic's figures at its own today.</param>
    /// <param name="Definitions">What each figure counts, and of what (<see cref="ReportDefinitions"/>).</param>
    public sealed record Report(Scope Scope, Period Period, string? ProcedureType, string? Etiology, string AsOf, SuppressionRule Suppression,
        Cohort Cohort, object Mortality30Day, NewFractureCounts NewFractures, IReadOnlyList<TimePoint> TimePoints,
        IReadOnlyList<Benchmark> SafetyBenchmarks, IReadOnlyList<Study> Studies, IReadOnlyDictionary<string, string> Definitions);

    public sealed record Scope(string? ClinicId, int Clinics, bool CrossClinic);

    public sealed record Period(string? FromMonth, string? ToMonth, bool WholeMonths, string Note);

    public sealed record SuppressionRule(bool Applied, int? MinimumPatients, string Note);

    /// <summary>Each count is a number or "suppressed".</summary>
    public sealed record Cohort(object Patients, object Procedures, object Vertebrae);

    /// <param name="Patients">Recorded by the clinic, with <paramref name="Fractures"/> and <paramref name="Share"/>.</param>
    public sealed record NewFractureCounts(object Patients, object Fractures, object Share, object ReportedByPatient, object UnsureByPatient,
        object Either, object EitherShare);

    public sealed record TimePoint(string Code, object Due, object Answered, object ResponseRate, object Pain, object? Change,
        object? ImprovedTwoPoints, object? ImprovedThirtyPercent, object AnyMedication, object Opioid, IReadOnlyList<Benchmark> Benchmarks);

    public sealed record Share(int Count, int N, double? Value, double[]? Ci95);

    public sealed record Statistics(int N, double? Mean, double? Sd, double[]? Ci95, double? Median, double? Q1, double? Q3);

    /// <param name="Overlaps">Whether the report's 95% interval agrees with the figure; null when there is nothing to compare.</param>
    public sealed record Benchmark(string StudyId, string Measure, string TimePoint, string ProcedureType, double? Value, double[]? Ci95,
        double? Sd, int? N, int? Numerator, int? Denominator, double? Low, double? High, string? Note, bool? Overlaps);

    public sealed record Study(string Id, string Citation, string SourceUrl, string Procedure);

    public static Report Of(OutcomeReport report, string? clinicId)
    {
        var f = report.Filter;
        return new Report(new Scope(clinicId, report.Clinics, clinicId is null),
            new Period(Month(f.FromMonth), Month(f.ToMonth), true, report.Suppression is null
                ? "Procedures are selected by whole calendar months of their procedure date: a from/to date is widened to its month."
                : "Procedures are selected by whole calendar years of their procedure date, as analysts' views are: a from/to date is widened to its year."),
            f.ProcedureType?.ToWire(), f.Etiology?.ToWire(), report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            report.Suppression is { } rule
                ? new SuppressionRule(true, rule.MinimumPatients, $"{ReportDefinitions.Suppression} A withheld figure is \"suppressed\".")
                : new SuppressionRule(false, null, "A clinic's own view: every figure is shown."),
            new Cohort(Value(report.Cohort.Patients), Value(report.Cohort.Procedures), Value(report.Cohort.Vertebrae)),
            Value(report.Mortality30Day, ShareOf),
            new NewFractureCounts(Value(report.NewFractures.PatientsWithNewFracture), Value(report.NewFractures.Fractures), Value(report.NewFractures.Share, ShareOf),
                Value(report.NewFractures.ReportedByPatient), Value(report.NewFractures.UnsureByPatient), Value(report.NewFractures.Either),
                Value(report.NewFractures.EitherShare, ShareOf)),
            report.TimePoints.Select(t => new TimePoint(t.TimePoint, Value(t.Due), Value(t.Answered), Value(t.ResponseRate, ShareOf),
                Value(t.Pain, StatisticsOf), t.Change is { } c ? Value(c, StatisticsOf) : null,
                t.ImprovedTwoPoints is { } two ? Value(two, ShareOf) : null, t.ImprovedThirtyPercent is { } thirty ? Value(thirty, ShareOf) : null,
                Value(t.AnyMedication, ShareOf), Value(t.Opioid, ShareOf), t.Benchmarks.Select(BenchmarkOf).ToList())).ToList(),
            report.SafetyBenchmarks.Select(BenchmarkOf).ToList(),
            report.Studies.Select(s => new Study(s.Id, s.Citation, s.SourceUrl,
                s.ProcedureTypes.Count == 1 ? s.ProcedureTypes.Single().ToWire() : "both")).ToList(),
            ReportDefinitions.ByFigure);
    }

    private static string? Month(DateOnly? month) => month?.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static object Value(Reportable<int> figure) => figure.IsSuppressed ? Suppressed : figure.Value;

    private static object Value<T>(Reportable<T> figure, Func<T, object> view) => figure.IsSuppressed ? Suppressed : view(figure.Value!);

    private static Share ShareOf(Proportion p) => new(p.Count, p.N, p.Share, Interval(p.Ci95));

    private static Statistics StatisticsOf(Summary s) =>
        new(s.N, s.Mean, s.StandardDeviation, Interval(s.MeanCi95), s.Median, s.FirstQuartile, s.ThirdQuartile);

    private static double[]? Interval(ConfidenceInterval? ci) => ci is { } i ? [i.Low, i.High] : null;

    private static Benchmark BenchmarkOf(BenchmarkComparison b)
    {
        var f = b.Figure;
        return new(f.StudyId, f.Measure, f.TimePoint, b.ProcedureType.ToWire(), f.Value, f.Ci95 is { } ci ? [ci.Low, ci.High] : null, f.Sd,
            f.N, f.Numerator, f.Denominator, f.Range?.Low, f.Range?.High, f.Note, b.Overlaps);
    }
}
