using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Reports;

/// <summary>
/// Sums the cells a filter selects and computes the report from the sums: its cost grows with the number of cells,
/// never with the number of answers (ARCHITECTURE §4).
/// </summary>
/// <remarks>
/// <para>Suppression counts the patients a figure rests on: for cohort and safety figures the cohort's patients (each
/// counted once, in the cell of their earliest procedure; never more than the procedures); for a time point's answer
/// figures its answers (the n of that figure: pain answers, or answers to the medication question); for its due count
/// the surveys due. A response rate rests on the answers too, so that it never gives away a withheld count.</para>
/// <para>30-day mortality is exact at <c>today</c>: of the procedures done at least 30 days before it (the tallies
/// keep procedures and early deaths by day of the month), those whose patient died within 30 days.</para>
/// </remarks>
public static class OutcomeReportBuilder
{
    public const string Mortality30Day = "mortality_30d";

    /// <summary>The benchmark measures of cohort safety: shown beside mortality and new fractures, not beside a time point.</summary>
    public static readonly IReadOnlySet<string> SafetyMeasures = new HashSet<string>(StringComparer.Ordinal)
        { Mortality30Day, "new_fracture_patients", "new_fracture_percent" };

    public static OutcomeReport Build(IEnumerable<CellTallies> cells, OutcomeReportFilter filter, DateOnly today,
        BenchmarkCatalog catalog, Suppression? suppression)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        var selected = cells.Where(c => filter.Includes(c.Cell)).ToList();
        var rule = new Rule(suppression);

        var cohort = new CohortTally();
        foreach (var cell in selected)
            cohort.Add(cell.Cohort);
        var basis = Math.Min(cohort.Patients, cohort.Procedures);
        var (followedUp, earlyDeaths) = ThirtyDayFollowUp(selected, today);
        var mortality = rule.Show(Proportion.Of(earlyDeaths, followedUp), Math.Min(basis, followedUp));
        var fractureShare = rule.Show(Proportion.Of(Math.Min(cohort.PatientsWithNewFracture, cohort.Patients), cohort.Patients), basis);

        var timePoints = new List<TimePointReport> { Baseline(cohort, filter, catalog, rule) };
        foreach (var timePoint in TimePoint.All)
        {
            var tally = new TimePointTally();
            foreach (var cell in selected)
                if (cell.TimePoints.GetValueOrDefault(timePoint.Code) is { } kept)
                    tally.Add(kept);
            timePoints.Add(FollowUp(timePoint.Code, tally, filter, catalog, rule));
        }

        var safety = filter.ProcedureTypes.SelectMany(type => catalog.Figures
                .Where(f => SafetyMeasures.Contains(f.Measure) && f.ProcedureTypes.Contains(type) && !f.IsMixedCohort)
                .Select(f => Compare(f, type, f.Measure == Mortality30Day ? Interval(mortality) : Interval(fractureShare))))
            .ToList();
        var cited = timePoints.SelectMany(t => t.Benchmarks).Concat(safety).Select(b => b.Figure.StudyId).ToHashSet();

        return new OutcomeReport(filter, selected.Select(c => c.ClinicId).Distinct().Count(), today, suppression,
            new CohortFigures(rule.Show(cohort.Patients, basis), rule.Show(cohort.Procedures, basis), rule.Show(cohort.Vertebrae, basis)),
            mortality,
            new NewFractureFigures(rule.Show(cohort.PatientsWithNewFracture, basis), rule.Show(cohort.NewFractures, basis), fractureShare,
                rule.Show(cohort.PatientsReportingNewFracture, basis), rule.Show(cohort.PatientsUnsureOfNewFracture, basis),
                rule.Show(cohort.PatientsWithAnyNewFracture, basis),
                rule.Show(Proportion.Of(Math.Min(cohort.PatientsWithAnyNewFracture, cohort.Patients), cohort.Patients), basis)),
            timePoints, safety, catalog.Studies.Where(s => cited.Contains(s.Id)).ToList());
    }

    /// <summary>Procedures done at least 30 days before <paramref name="today"/>, and of them those with a death within 30 days.</summary>
    private static (int Procedures, int EarlyDeaths) ThirtyDayFollowUp(IEnumerable<CellTallies> cells, DateOnly today)
    {
        int procedures = 0, deaths = 0;
        foreach (var cell in cells)
        {
            var days = DateTime.DaysInMonth(cell.Cell.Year, cell.Cell.Month);
            for (var day = 1; day <= days; day++)
            {
                var done = new DateOnly(cell.Cell.Year, cell.Cell.Month, day);
                if (today.DayNumber - done.DayNumber < CohortTally.DeathWindowDays)
                    break;
                procedures += cell.Cohort.ProceduresByDay[day - 1];
                deaths += cell.Cohort.EarlyDeathsByDay[day - 1];
            }
        }
        return (procedures, deaths);
    }

    private static TimePointReport Baseline(CohortTally cohort, OutcomeReportFilter filter, BenchmarkCatalog catalog, Rule rule)
    {
        var pain = rule.Show(Summary.Of(IntegerHistogram.FromCounts(PainScore.Min, cohort.BaselinePain)), cohort.Procedures);
        return new TimePointReport(BenchmarkTimePoints.Baseline,
            rule.Show(cohort.Procedures, cohort.Procedures), rule.Show(cohort.Procedures, cohort.Procedures),
            rule.Show(Proportion.Of(cohort.Procedures, cohort.Procedures), cohort.Procedures), pain, null, null, null,
            rule.Show(Proportion.Of(cohort.BaselineAnyMedication, cohort.Procedures), cohort.Procedures),
            rule.Show(Proportion.Of(cohort.BaselineOpioid, cohort.Procedures), cohort.Procedures),
            Benchmarks(BenchmarkTimePoints.Baseline, filter, catalog, pain, null, null));
    }

    private static TimePointReport FollowUp(string timePoint, TimePointTally tally, OutcomeReportFilter filter, BenchmarkCatalog catalog, Rule rule)
    {
        var painHistogram = IntegerHistogram.FromCounts(PainScore.Min, tally.Pain);
        var answers = painHistogram.N;
        var pain = rule.Show(Summary.Of(painHistogram), answers);
        var change = rule.Show(Summary.Of(IntegerHistogram.FromCounts(-TimePointTally.ChangeOffset, tally.Change)), answers);
        var thirtyPercent = rule.Show(Proportion.Of(tally.ImprovedThirtyPercent, tally.AnswersAboveZeroBaseline), tally.AnswersAboveZeroBaseline);
        return new TimePointReport(timePoint, rule.Show(tally.Due, tally.Due), rule.Show(tally.Answered, tally.Answered),
            rule.Show(Proportion.Of(tally.Answered, tally.Due), tally.Answered), pain, change,
            rule.Show(Proportion.Of(tally.ImprovedTwoPoints, answers), answers), thirtyPercent,
            rule.Show(Proportion.Of(tally.AnyMedication, tally.MedicationAnswers), tally.MedicationAnswers),
            rule.Show(Proportion.Of(tally.Opioid, tally.MedicationAnswers), tally.MedicationAnswers),
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

    /// <summary>Shows a figure, or under suppression withholds it when it rests on too few patients.</summary>
    private sealed class Rule(Suppression? suppression)
    {
        public Reportable<T> Show<T>(T value, int patients) =>
            suppression is null ? Reportable<T>.Shown(value) : suppression.Apply(value, Math.Max(0, patients));
    }
}
