using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Domain.Tests.Benchmarks;

namespace Outcomes.Domain.Tests.Reports;

/// <summary>
/// Analysts' views against differencing: every view an analyst can ask for (one clinic or all, a procedure type or
/// both, one etiology or all, a run of whole years) is built from tallies of a random cohort, and for every two views
/// of which one lies inside the other, what a figure shown in both differs by is checked against the raw patients:
/// none, or at least 5 distinct patients.
/// </summary>
public sealed class DifferencingGuardTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly BenchmarkCatalog Catalog = ShippedBenchmarks.Load();
    private static readonly string[] Clinics = ["north", "south", "east"];

    private sealed record RawProcedure(string ClinicId, string PatientRef, ProcedureType Type, Etiology Etiology, DateOnly Date, bool AnsweredOneWeek)
    {
        public bool OneWeekDue => TimePoint.OneWeek.DueAfter(Date) <= Today;
    }

    private sealed record View(string? ClinicId, ProcedureType? Type, Etiology? Etiology, int? FromYear, int? ToYear)
    {
        public OutcomeReportFilter Filter => new OutcomeReportFilter(Type, Etiology,
            FromYear is { } from ? new DateOnly(from, 1, 1) : null, ToYear is { } to ? new DateOnly(to, 1, 1) : null).InWholeYears();

        public bool Holds(RawProcedure p) =>
            (ClinicId is null || ClinicId == p.ClinicId) && (Type is null || Type == p.Type) && (Etiology is null || Etiology == p.Etiology)
            && (FromYear is null || p.Date.Year >= FromYear) && (ToYear is null || p.Date.Year <= ToYear);

        public bool Contains(View other) =>
            (ClinicId is null || ClinicId == other.ClinicId) && (Type is null || Type == other.Type) && (Etiology is null || Etiology == other.Etiology)
            && (FromYear is null || other.FromYear >= FromYear) && (ToYear is null || other.ToYear <= ToYear);
    }

    private static List<RawProcedure> RandomCohort(int seed)
    {
        var random = new Random(seed);
        var procedures = new List<RawProcedure>();
        for (var patient = 0; patient < random.Next(40, 140); patient++)
        {
            var clinic = Clinics[random.Next(Clinics.Length) == 0 ? 0 : random.Next(Clinics.Length)];
            var first = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 890));
            for (var i = 0; i < (random.Next(4) == 0 ? 2 : 1); i++)
            {
                var date = first.AddDays(i * random.Next(0, 200));
                if (date > Today) date = Today;
                procedures.Add(new RawProcedure(clinic, $"P{patient}", random.Next(3) == 0 ? ProcedureType.Kyphoplasty : ProcedureType.Vertebroplasty,
                    (Etiology)(random.Next(5) switch { 0 => 1, 1 => 2, _ => 0 }), date, random.Next(10) < 6));
            }
        }
        return procedures.OrderBy(p => p.Date).ToList();
    }

    /// <summary>Counted as the pipeline counts: each patient in the cell of their earliest procedure, and among those answering at one week once.</summary>
    private static List<CellTallies> Tally(List<RawProcedure> raw)
    {
        var cells = new Dictionary<(string, TallyCell), CellTallies>();
        var patients = new HashSet<(string, string)>();
        var answering = new HashSet<(string, string)>();
        foreach (var p in raw)
        {
            var registration = new ProcedureRegistration(p.PatientRef, new PatientContact(null, null, "en"), p.Type, p.Date, [VertebralLevel.All[18]],
                p.Etiology, new Baseline(PainScore.From(7), [Medication.None]), ProcedureDetails.None);
            var key = (p.ClinicId, TallyCell.Of(registration));
            if (!cells.TryGetValue(key, out var cell))
                cells[key] = cell = new CellTallies(p.ClinicId, key.Item2, new CohortTally(), new Dictionary<string, TimePointTally> { ["1w"] = new() });
            cell.Cohort.AddProcedure(registration, patients.Add((p.ClinicId, p.PatientRef)));
            if (!p.OneWeekDue || !p.AnsweredOneWeek)
                continue;
            var week = cell.TimePoints["1w"];
            week.Move(FollowUpStatus.Pending, FollowUpStatus.Answered);
            week.AddAnswer(PainScore.From(7), new SurveyAnswers(PainScore.From(3), [Medication.None]));
            if (answering.Add((p.ClinicId, p.PatientRef)))
                week.Patients++;
        }
        return cells.Values.ToList();
    }

    private static IEnumerable<View> Views()
    {
        int?[] years = [null, 2024, 2025, 2026];
        return from clinic in new string?[] { null }.Concat(Clinics)
            from type in new ProcedureType?[] { null, ProcedureType.Vertebroplasty, ProcedureType.Kyphoplasty }
            from etiology in new Etiology?[] { null }.Concat(Enum.GetValues<Etiology>().Cast<Etiology?>())
            from fromYear in years
            from toYear in years
            where fromYear is null || toYear is null || fromYear <= toYear
            select new View(clinic, type, etiology, fromYear, toYear);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_two_views_one_inside_the_other_differ_by_one_to_four_patients_in_a_figure_both_show(int seed)
    {
        var raw = RandomCohort(seed);
        var cells = Tally(raw);
        var views = Views().Select(view => (View: view, Report: OutcomeReportBuilder.Build(
            cells.Where(c => view.ClinicId is null || c.ClinicId == view.ClinicId), view.Filter, Today, Catalog, Suppression.CrossClinic))).ToList();

        var checkedPairs = 0;
        foreach (var (view, report) in views)
        {
            var week = report.TimePoints.Single(t => t.TimePoint == "1w");
            AssertRestsOnFivePatients(report.Cohort.Patients, raw.Where(view.Holds));
            AssertRestsOnFivePatients(week.Answered, raw.Where(p => view.Holds(p) && p.OneWeekDue && p.AnsweredOneWeek));
            AssertRestsOnFivePatients(week.Due, raw.Where(p => view.Holds(p) && p.OneWeekDue));
            foreach (var (inner, innerReport) in views.Where(v => v.View != view && view.Contains(v.View)))
            {
                var innerWeek = innerReport.TimePoints.Single(t => t.TimePoint == "1w");
                checkedPairs += AssertDifference(report.Cohort.Patients, innerReport.Cohort.Patients, raw.Where(p => view.Holds(p) && !inner.Holds(p)));
                checkedPairs += AssertDifference(week.Answered, innerWeek.Answered,
                    raw.Where(p => view.Holds(p) && !inner.Holds(p) && p.OneWeekDue && p.AnsweredOneWeek));
                checkedPairs += AssertDifference(week.Due, innerWeek.Due, raw.Where(p => view.Holds(p) && !inner.Holds(p) && p.OneWeekDue));
            }
        }
        Assert.True(checkedPairs > 100, $"only {checkedPairs} pairs showed a figure in both views");   // the check has something to bite on
    }

    [Fact]
    public void Three_patients_with_two_procedures_each_show_an_analyst_nothing()
    {
        var raw = Enumerable.Range(0, 3).SelectMany(patient => new[]
        {
            new RawProcedure("north", $"P{patient}", ProcedureType.Vertebroplasty, Etiology.Osteoporotic, new DateOnly(2026, 1, 5), true),
            new RawProcedure("north", $"P{patient}", ProcedureType.Vertebroplasty, Etiology.Osteoporotic, new DateOnly(2026, 2, 5), true),
        }).OrderBy(p => p.Date).ToList();

        var report = OutcomeReportBuilder.Build(Tally(raw), new(), Today, Catalog, Suppression.CrossClinic);
        var week = report.TimePoints.Single(t => t.TimePoint == "1w");

        Assert.Equal(6, Shown(OutcomeReportBuilder.Build(Tally(raw), new(), Today, Catalog, null).Cohort.Procedures));   // 6 procedures, 6 answers
        Assert.All(new[] { report.Cohort.Patients.IsSuppressed, report.Cohort.Procedures.IsSuppressed, week.Answered.IsSuppressed,
            week.Due.IsSuppressed, week.Pain.IsSuppressed, week.ResponseRate.IsSuppressed, report.Mortality30Day.IsSuppressed }, Assert.True);
    }

    [Fact]
    public void A_year_of_one_patient_withholds_the_view_that_would_reveal_it_by_subtraction()
    {
        // 2025: twelve patients; 2026: one more. "To 2025" is shown; "all years" would differ from it by that one patient.
        var raw = Enumerable.Range(0, 12).Select(p => new RawProcedure("north", $"P{p}", ProcedureType.Vertebroplasty, Etiology.Osteoporotic,
                new DateOnly(2025, 3, 1).AddDays(p * 20), true))
            .Append(new RawProcedure("north", "P99", ProcedureType.Vertebroplasty, Etiology.Osteoporotic, new DateOnly(2026, 5, 2), true)).ToList();
        var cells = Tally(raw);

        var toNovember = OutcomeReportBuilder.Build(cells, new OutcomeReportFilter(ToMonth: new DateOnly(2025, 11, 1)).InWholeYears(), Today, Catalog, Suppression.CrossClinic);
        var all = OutcomeReportBuilder.Build(cells, new(), Today, Catalog, Suppression.CrossClinic);

        Assert.Equal(12, Shown(toNovember.Cohort.Patients));
        Assert.True(all.Cohort.Patients.IsSuppressed);
        Assert.Equal(13, Shown(OutcomeReportBuilder.Build(cells, new(), Today, Catalog, null).Cohort.Patients));   // a clinic's own view is whole
    }

    [Fact]
    public void An_analysts_months_are_widened_to_whole_years()
    {
        var filter = new OutcomeReportFilter(FromMonth: new DateOnly(2025, 4, 1), ToMonth: new DateOnly(2026, 2, 1)).InWholeYears();

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 1)), (filter.FromMonth, filter.ToMonth));
    }

    private static void AssertRestsOnFivePatients<T>(Reportable<T> figure, IEnumerable<RawProcedure> basis)
    {
        if (!figure.IsSuppressed)
            Assert.True(basis.Select(p => (p.ClinicId, p.PatientRef)).Distinct().Count() >= 5);
    }

    /// <returns>1 when both views show the figure (and it was checked), else 0.</returns>
    private static int AssertDifference(Reportable<int> outer, Reportable<int> inner, IEnumerable<RawProcedure> between)
    {
        if (outer.IsSuppressed || inner.IsSuppressed)
            return 0;
        var patients = between.Select(p => (p.ClinicId, p.PatientRef)).Distinct().Count();
        Assert.True(patients is 0 or >= 5, $"two views differ by {patients} patient(s): {outer.Value} and {inner.Value}");
        return 1;
    }

    private static T Shown<T>(Reportable<T> figure)
    {
        Assert.False(figure.IsSuppressed);
        return figure.Value!;
    }
}
