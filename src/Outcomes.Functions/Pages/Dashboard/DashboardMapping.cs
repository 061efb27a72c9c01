using System.Globalization;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Disclosure;
using Outcomes.Domain.Reports.Funnel;
using Outcomes.Domain.Reports.Statistics;
using DomainCohort = Outcomes.Domain.Reports.CohortFigures;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The outcome report (<see cref="OutcomeReport"/>) as the dashboard's view model: suppressed figures become null (the
/// page says "suppressed"), each time point's benchmarks and the safety benchmarks become benchmark points, the studies
/// their citations. For analysts, <see cref="Funnel"/> builds the funnel plot from the same tally cells.
/// </summary>
internal static class DashboardMapping
{
    /// <summary>The time point the analysts' funnel compares clinics at: three months, where most studies report.</summary>
    public const string FunnelTimePoint = "3m";

    public static DashboardModel From(OutcomeReport report, string scope, DateTimeOffset generatedAt, FunnelView? funnel = null, string? signOutPath = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var benchmarks = report.TimePoints.SelectMany(t => t.Benchmarks.Select(b => Point(b, t.TimePoint)))
            .Concat(report.SafetyBenchmarks.Select(b => Point(b, b.Figure.ClinicTimePoint ?? b.Figure.TimePoint)))
            .Where(b => b is not null).Select(b => b!).Distinct().ToList();
        return new DashboardModel(scope, Filters(report.Filter), generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Cohort(report.Cohort, report.Mortality30Day, report.NewFractures),
            report.TimePoints.Select(Row).ToList(),
            benchmarks,
            report.Studies.Select(s => new StudyReference(s.Id, s.Citation, s.SourceUrl, s.ProcedureTypes.Count == 1 ? s.ProcedureTypes.Single().ToWire() : "both", s.Patients)).ToList(),
            funnel,
            report.Suppression?.MinimumPatients,
            signOutPath);
    }

    /// <summary>
    /// The analysts' funnel plot at <paramref name="timePoint"/>, case-mix adjusted, from the tally cells the report was
    /// summed from (filtered the same way), each clinic's surveys due counted at its own <paramref name="today"/>; null when
    /// too few answers for a spread. Under <paramref name="suppression"/> (a cross-clinic view) a clinic is on the plot only
    /// where its own view would show its answers and surveys due (<see cref="DifferencingGuard"/>), though its answers
    /// still count in the pooled mean; and there is no plot unless the view of all clinics would show them.
    /// </summary>
    public static FunnelView? Funnel(IEnumerable<CellTallies> cells, OutcomeReportFilter filter, Func<string, string> labelOf, ClinicDates today,
        string timePoint = FunnelTimePoint, Suppression? suppression = null)
    {
        var selected = cells.Where(c => filter.Includes(c.Cell)).ToList();
        var clinics = new Dictionary<string, ClinicCaseMix>(StringComparer.Ordinal);
        foreach (var cell in selected)
        {
            var mix = clinics.TryGetValue(cell.ClinicId, out var m) ? m : clinics[cell.ClinicId] = new ClinicCaseMix(cell.ClinicId);
            if (cell.TimePoints.TryGetValue(timePoint, out var tally) && TimePoint.TryParse(timePoint, out var point))
                mix.Add(cell.Cell, tally, CellCalendar.Due(cell, point, today.Of(cell.ClinicId)));
        }
        if (FunnelPlot.Adjusted(CaseMixAdjustment.Of(clinics.Values)) is not { } plot)
            return null;
        if (suppression is null)
            return FunnelViews.From(plot, timePoint, labelOf);
        string[] families = [FigureFamily.Answers(timePoint), FigureFamily.Due(timePoint)];
        var guard = DifferencingGuard.For(selected, today, suppression);
        return families.All(guard.Shows)
            ? FunnelViews.From(plot, timePoint, labelOf, clinic => families.All(f => guard.ShowsFor(clinic, f)))
            : null;
    }

    private static IReadOnlyList<string> Filters(OutcomeReportFilter f)
    {
        var lines = new List<string>();
        if (f.ProcedureType is { } type) lines.Add($"Procedure: {type.ToWire()}");
        if (f.Etiology is { } etiology) lines.Add($"Etiology: {etiology.ToWire()}");
        if (f.FromMonth is { } from) lines.Add($"From {from:yyyy-MM}");
        if (f.ToMonth is { } to) lines.Add($"To {to:yyyy-MM}");
        return lines;
    }

    private static CohortFigures Cohort(DomainCohort c, Reportable<Proportion> mortality, NewFractureFigures fractures) => new(
        Shown(c.Patients), Shown(c.Procedures), Shown(c.Vertebrae), Share(mortality),
        Shown(fractures.PatientsWithNewFracture), Shown(fractures.Fractures), Share(fractures.Share),
        Shown(fractures.ReportedByPatient), Shown(fractures.UnsureByPatient));

    private static TimePointRow Row(TimePointReport t)
    {
        var suppressed = t.Pain.IsSuppressed || t.ResponseRate.IsSuppressed;
        return new TimePointRow(t.TimePoint, Shown(t.Due), Shown(t.Answered), Share(t.ResponseRate), Mean(t.Pain), t.Change is { } c ? Mean(c) : null,
            t.ImprovedTwoPoints is { } i2 ? Share(i2) : null, t.ImprovedThirtyPercent is { } i30 ? Share(i30) : null,
            Share(t.AnyMedication), Share(t.Opioid), suppressed);
    }

    private static BenchmarkPoint? Point(BenchmarkComparison b, string timePoint)
    {
        var f = b.Figure;
        return new BenchmarkPoint(f.StudyId, timePoint, f.Measure, f.Value, f.Ci95?.Low ?? f.Range?.Low, f.Ci95?.High ?? f.Range?.High,
            f.N, f.Numerator, f.Denominator, f.Note, b.Overlaps, f.IsMixedCohort ? "both" : b.ProcedureType.ToWire());
    }

    private static int? Shown(Reportable<int> value) => value.IsSuppressed ? null : value.Value;

    private static ShareFigure? Share(Reportable<Proportion> value) =>
        value is { IsSuppressed: false, Value: { Share: { } share, Ci95: { } ci } p } ? new ShareFigure(p.Count, p.N, share, ci.Low, ci.High) : null;

    private static MeanFigure? Mean(Reportable<Summary> value) => value is { IsSuppressed: false, Value: { Mean: { } mean } s }
        ? new MeanFigure(s.N, mean, s.StandardDeviation, s.MeanCi95?.Low, s.MeanCi95?.High, s.Median, s.FirstQuartile, s.ThirdQuartile)
        : null;
}
