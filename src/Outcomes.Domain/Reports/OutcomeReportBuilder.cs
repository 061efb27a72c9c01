using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports.Disclosure;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// Sums the cells a filter selects and computes the report from the sums: its cost grows with the number of cells,
/// never with the number of answers (ARCHITECTURE §4).
/// </summary>
/// <remarks>
/// <para>Under suppression (analysts) every figure belongs to a family with its own basis of distinct patients
/// (<see cref="FigureFamily"/>), and a family is shown only when <see cref="DifferencingGuard"/> finds it rests on
/// enough patients and on no group of too few patients that a narrower view would leave out.</para>
/// <para>What has come due is counted by the calendar at each clinic's today (<see cref="CellCalendar"/>): the surveys
/// whose window has opened, and 30-day mortality per patient — of the patients whose earliest procedure was at least
/// 30 days before, those who died within 30 days after one of their procedures.</para>
/// </remarks>
public static class OutcomeReportBuilder
{
    public const string Mortality30Day = "mortality_30d";

    /// <summary>The benchmark measures of cohort safety: shown beside mortality and new fractures, not beside a time point.</summary>
    public static readonly IReadOnlySet<string> SafetyMeasures = new HashSet<string>(StringComparer.Ordinal)
        { Mortality30Day, "new_fracture_patients", "new_fracture_percent" };

    public static OutcomeReport Build(IEnumerable<CellTallies> cells, OutcomeReportFilter filter, ClinicDates today,
        BenchmarkCatalog catalog, Suppression? suppression)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(today);
        ArgumentNullException.ThrowIfNull(catalog);
        var selected = cells.Where(c => filter.Includes(c.Cell)).ToList();
        var rule = new Rule(suppression is null ? null : DifferencingGuard.For(selected, today, suppression));

        var cohort = new CohortTally();
        foreach (var cell in selected)
            cohort.Add(cell.Cohort);
        var followedUp = selected.Sum(c => CellCalendar.PatientsFollowedFor(c, FigureFamily.FollowedUpAfterDays, today.Of(c.ClinicId)));
        var thirtyDays = selected.Sum(c => CellCalendar.PatientsFollowedFor(c, CohortTally.DeathWindowDays, today.Of(c.ClinicId)));
        var earlyDeaths = selected.Sum(c => CellCalendar.EarlyDeaths(c, today.Of(c.ClinicId)));
        var mortality = rule.Show(Proportion.Of(Math.Min(earlyDeaths, thirtyDays), thirtyDays), FigureFamily.ThirtyDays);
        var fractureShare = rule.Show(Proportion.Of(Math.Min(cohort.PatientsWithNewFracture, followedUp), followedUp), FigureFamily.FollowedUp);

        var timePoints = new List<TimePointReport> { Baseline(cohort, filter, catalog, rule) };
        foreach (var timePoint in TimePoint.All)
        {
            var tally = new TimePointTally();
            foreach (var cell in selected)
                if (cell.TimePoints.GetValueOrDefault(timePoint.Code) is { } kept)
                    tally.Add(kept);
            var due = selected.Sum(c => CellCalendar.Due(c, timePoint, today.Of(c.ClinicId)));
            timePoints.Add(FollowUp(timePoint.Code, tally, due, filter, catalog, rule));
        }

        var safety = filter.ProcedureTypes.SelectMany(type => catalog.Figures
                .Where(f => SafetyMeasures.Contains(f.Measure) && f.ProcedureTypes.Contains(type) && !f.IsMixedCohort)
                .Select(f => Compare(f, type, f.Measure == Mortality30Day ? Interval(mortality) : Interval(fractureShare))))
            .ToList();
        var cited = timePoints.SelectMany(t => t.Benchmarks).Concat(safety).Select(b => b.Figure.StudyId).ToHashSet();
        var clinics = selected.Select(c => c.ClinicId).Distinct().ToList();

        return new OutcomeReport(filter, clinics.Count, clinics.Count == 1 ? today.Of(clinics[0]) : today.Default, suppression,
            new CohortFigures(rule.Show(cohort.Patients, FigureFamily.Cohort), rule.Show(cohort.Procedures, FigureFamily.Cohort), rule.Show(cohort.Vertebrae, FigureFamily.Cohort)),
            mortality,
            new NewFractureFigures(rule.Show(cohort.PatientsWithNewFracture, FigureFamily.Cohort), rule.Show(cohort.NewFractures, FigureFamily.Cohort), fractureShare,
                rule.Show(cohort.PatientsReportingNewFracture, FigureFamily.Cohort), rule.Show(cohort.PatientsUnsureOfNewFracture, FigureFamily.Cohort),
                rule.Show(cohort.PatientsWithAnyNewFracture, FigureFamily.Cohort),
                rule.Show(Proportion.Of(Math.Min(cohort.PatientsWithAnyNewFracture, followedUp), followedUp), FigureFamily.FollowedUp)),
            timePoints, safety, catalog.Studies.Where(s => cited.Contains(s.Id)).ToList());
    }

    private static TimePointReport Baseline(CohortTally cohort, OutcomeReportFilter filter, BenchmarkCatalog catalog, Rule rule)
    {
        const string family = FigureFamily.Cohort;
        var pain = rule.Show(Summary.Of(IntegerHistogram.FromCounts(PainScore.Min, cohort.BaselinePain)), family);
        return new TimePointReport(BenchmarkTimePoints.Baseline,
            rule.Show(cohort.Procedures, family), rule.Show(cohort.Procedures, family),
            rule.Show(Proportion.Of(cohort.Procedures, cohort.Procedures), family), pain, null, null, null,
            rule.Show(Proportion.Of(cohort.BaselineAnyMedication, cohort.Procedures), family),
            rule.Show(Proportion.Of(cohort.BaselineOpioid, cohort.Procedures), family),
            Benchmarks(BenchmarkTimePoints.Baseline, filter, catalog, pain, null, null));
    }

    private static TimePointReport FollowUp(string timePoint, TimePointTally tally, int due, OutcomeReportFilter filter, BenchmarkCatalog catalog, Rule rule)
    {
        var answers = FigureFamily.Answers(timePoint);
        var painHistogram = IntegerHistogram.FromCounts(PainScore.Min, tally.Pain);
        var pain = rule.Show(Summary.Of(painHistogram), answers);
        var change = rule.Show(Summary.Of(IntegerHistogram.FromCounts(-TimePointTally.ChangeOffset, tally.Change)), answers);
        var thirtyPercent = rule.Show(Proportion.Of(tally.ImprovedThirtyPercent, tally.AnswersAboveZeroBaseline), FigureFamily.AboveZeroBaseline(timePoint));
        var medication = FigureFamily.Medication(timePoint);
        return new TimePointReport(timePoint, rule.Show(due, FigureFamily.Due(timePoint)), rule.Show(tally.Answered, answers),
            rule.Show(Proportion.Of(Math.Min(tally.Answered, due), due), FigureFamily.Due(timePoint), answers), pain, change,
            rule.Show(Proportion.Of(tally.ImprovedTwoPoints, painHistogram.N), answers), thirtyPercent,
            rule.Show(Proportion.Of(tally.AnyMedication, tally.MedicationAnswers), medication),
            rule.Show(Proportion.Of(tally.Opioid, tally.MedicationAnswers), medication),
            Benchmarks(timePoint, filter, catalog, pain, change, thirtyPercent));
    }

    /// <summary>Every published figure for the time point and procedure type(s), safety measures aside, each compared with the report's own.</summary>
    private static List<BenchmarkComparison> Benchmarks(string timePoint, OutcomeReportFilter filter, BenchmarkCatalog catalog,
        Reportable<Summary> pain, Reportable<Summary>? change, Reportable<Proportion>? thirtyPercent) =>
        filter.ProcedureTypes.SelectMany(type => catalog.Measures.Keys.Where(m => !SafetyMeasures.Contains(m))
                .SelectMany(measure => catalog.ForTimePoint(type, timePoint, measure))
                .Select(f => Compare(f, type, f.Measure switch
                {
                    "pain_mean" or "pain_mean_range" => Interval(pain),
                    "pain_change" => change is { } c ? Interval(c) : null,
                    "responders_30pct" => thirtyPercent is { } p && Interval(p) is { } share ? new ConfidenceInterval(100 * share.Low, 100 * share.High) : null,
                    _ => null,
                })))
            .ToList();

    private static BenchmarkComparison Compare(BenchmarkFigure figure, ProcedureType type, ConfidenceInterval? ours)
    {
        if (ours is not { } interval)
            return new(figure, type, null);
        if (figure.Overlaps(interval.Low, interval.High) is { } overlaps)
            return new(figure, type, overlaps);
        if (figure.Numerator is { } numerator && figure.Denominator is { } denominator && denominator > 0)
        {
            // A count (numerator/denominator) of a share, compared with the report's share of the same thing.
            var share = figure.Measure.EndsWith("_percent", StringComparison.Ordinal) ? 100.0 * numerator / denominator : (double)numerator / denominator;
            return new(figure, type, interval.Low <= share && share <= interval.High);
        }
        return new(figure, type, null);
    }

    private static ConfidenceInterval? Interval(Reportable<Summary> summary) => summary.IsSuppressed ? null : summary.Value?.MeanCi95;

    private static ConfidenceInterval? Interval(Reportable<Proportion> proportion) => proportion.IsSuppressed ? null : proportion.Value?.Ci95;

    /// <summary>Shows a figure, or under suppression withholds it unless the guard shows every family it rests on.</summary>
    private sealed class Rule(DifferencingGuard? guard)
    {
        public Reportable<T> Show<T>(T value, params string[] families) =>
            guard is null || families.All(guard.Shows) ? Reportable<T>.Shown(value) : Reportable<T>.Suppressed;
    }
}
