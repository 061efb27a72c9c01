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
/// The report built from tallies, checked against naive computations over the raw patients, procedures and answers the
/// tallies were counted from (with the same TimePointTally/CohortTally methods the pipeline's OutcomeCounting uses).
/// </summary>
public sealed class OutcomeReportBuilderTests
{
    private const double Tolerance = 1e-9;
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly BenchmarkCatalog Catalog = ShippedBenchmarks.Load();

    /// <summary>Where a follow-up stands; <see cref="NeverDue"/>: cancelled by a death before its window opened.</summary>
    private enum Status { Pending, Open, Answered, Missed, Cancelled, NeverDue }

    private sealed record Answer(int Pain, Medication[]? Medications);

    private sealed record Procedure(string ClinicId, string PatientRef, bool FirstOfPatient, ProcedureRegistration Registration,
        DateOnly? Died, int[] FractureReports, Dictionary<string, (Status Status, Answer? Answer)> FollowUps);

    private static List<Procedure> RandomCohort(int seed)
    {
        var random = new Random(seed);
        var procedures = new List<Procedure>();
        var patients = random.Next(15, 120);
        for (var p = 0; p < patients; p++)
        {
            var clinicId = random.Next(3) == 0 ? "clinic-b" : "clinic-a";
            var patientRef = $"P{p}";
            DateOnly? died = null;
            var count = random.Next(5) == 0 ? 2 : 1;
            var first = new DateOnly(2025, 11, 1).AddDays(random.Next(0, 160));
            for (var i = 0; i < count; i++)
            {
                var date = first.AddDays(i * random.Next(1, 40));
                if (date >= Today) date = Today.AddDays(-1);
                if (i == 0 && random.Next(8) == 0) died = date.AddDays(random.Next(0, 70));
                var medications = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (Medication)random.Next(0, 5)).Distinct().ToArray();
                var registration = new ProcedureRegistration(patientRef, new PatientContact(null, null, "en"),
                    random.Next(2) == 0 ? ProcedureType.Vertebroplasty : ProcedureType.Kyphoplasty, date,
                    VertebralLevel.All.Skip(random.Next(10, 18)).Take(random.Next(1, 4)).ToList(),
                    (Etiology)random.Next(0, 4), new Baseline(PainScore.From(random.Next(0, 11)), medications.Length == 0 ? [Medication.None] : medications),
                    ProcedureDetails.None);
                var fractures = random.Next(6) == 0 ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(0, 3)).ToArray() : [];
                var followUps = new Dictionary<string, (Status, Answer?)>();
                foreach (var timePoint in TimePoint.All)
                {
                    // By the calendar: a window not yet open is pending, or never due once the patient died before it.
                    var opens = timePoint.DueAfter(date);
                    var status = died < opens ? Status.NeverDue : opens > Today ? Status.Pending : (Status)random.Next(1, 5);
                    Answer? answer = status == Status.Answered
                        ? new Answer(random.Next(0, 11), random.Next(4) == 0 ? null
                            : Enumerable.Range(0, random.Next(1, 3)).Select(_ => (Medication)random.Next(0, 5)).Distinct().ToArray())
                        : null;
                    followUps[timePoint.Code] = (status, answer);
                }
                procedures.Add(new Procedure(clinicId, patientRef, i == 0, registration, died, fractures, followUps));
            }
        }
        return procedures;
    }

    /// <summary>Counts the raw cohort into cells as OutcomeCounting does: the same tally methods, each change once.</summary>
    private static List<CellTallies> Tally(IEnumerable<Procedure> procedures)
    {
        var cells = new Dictionary<(string, TallyCell), (CohortTally Cohort, Dictionary<string, TimePointTally> TimePoints)>();
        var fractured = new HashSet<(string, string)>();
        var answering = new HashSet<(string, string, string)>();
        var all = procedures.ToList();
        (CohortTally Cohort, Dictionary<string, TimePointTally> TimePoints) CellOf(Procedure p)
        {
            var key = (p.ClinicId, TallyCell.Of(p.Registration));
            return cells.TryGetValue(key, out var cell) ? cell : cells[key] = (new CohortTally(), new Dictionary<string, TimePointTally>());
        }
        foreach (var procedure in all)
        {
            var r = procedure.Registration;
            var cell = CellOf(procedure);
            cell.Cohort.AddProcedure(r, procedure.FirstOfPatient);
            if (procedure.FractureReports.Length > 0 && fractured.Add((procedure.ClinicId, procedure.PatientRef)))
                cell.Cohort.PatientsWithNewFracture++;
            foreach (var levels in procedure.FractureReports)
                cell.Cohort.AddNewFractures(levels);
            foreach (var (code, (status, answer)) in procedure.FollowUps)
            {
                if (status == Status.Pending) continue;
                if (!cell.TimePoints.TryGetValue(code, out var tally))
                    cell.TimePoints[code] = tally = new TimePointTally();
                switch (status)
                {
                    case Status.Open: tally.Move(FollowUpStatus.Pending, FollowUpStatus.Invited); break;
                    case Status.Missed: tally.Move(FollowUpStatus.Pending, FollowUpStatus.Missed); break;
                    case Status.Cancelled or Status.NeverDue:
                        tally.Move(FollowUpStatus.Pending, FollowUpStatus.Reminded);
                        tally.Move(FollowUpStatus.Reminded, FollowUpStatus.Cancelled);
                        if (status == Status.NeverDue) tally.NotDueByDay[r.ProcedureDate.Day - 1]++;
                        break;
                    case Status.Answered:
                        tally.Move(FollowUpStatus.Pending, FollowUpStatus.Invited);
                        tally.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
                        tally.AddAnswer(r.Baseline.Pain, new SurveyAnswers(PainScore.From(answer!.Pain), answer.Medications));
                        if (answering.Add((procedure.ClinicId, procedure.PatientRef, code))) tally.Patients++;
                        break;
                }
            }
        }
        // A death within 30 days after a procedure: once per patient, on the latest such procedure.
        foreach (var patient in all.Where(p => p.Died is not null).GroupBy(p => (p.ClinicId, p.PatientRef)))
        {
            var died = patient.First(p => p.FirstOfPatient).Died!.Value;
            if (patient.Where(p => CohortTally.IsEarlyDeath(p.Registration.ProcedureDate, died)).LastOrDefault() is { } latest)
                CellOf(latest).Cohort.AddEarlyDeath(latest.Registration.ProcedureDate);
        }
        return cells.Select(c => new CellTallies(c.Key.Item1, c.Key.Item2, c.Value.Cohort, c.Value.TimePoints)).ToList();
    }

    public static IEnumerable<object[]> SeedsAndFilters =>
        from seed in Enumerable.Range(1, 8)
        from filter in new[] { "all", "vertebroplasty", "kyphoplasty", "osteoporotic", "months", "kyphoplasty-malignant-months" }
        select new object[] { seed, filter };

    private static OutcomeReportFilter Filter(string name) => name switch
    {
        "vertebroplasty" => new(ProcedureType.Vertebroplasty),
        "kyphoplasty" => new(ProcedureType.Kyphoplasty),
        "osteoporotic" => new(Etiology: Etiology.Osteoporotic),
        "months" => new(FromMonth: new DateOnly(2025, 12, 1), ToMonth: new DateOnly(2026, 2, 1)),
        "kyphoplasty-malignant-months" => new(ProcedureType.Kyphoplasty, Etiology.Malignant, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)),
        _ => new(),
    };

    private static bool NaiveIncludes(OutcomeReportFilter filter, ProcedureRegistration r) =>
        (filter.ProcedureType is null || filter.ProcedureType == r.ProcedureType)
        && (filter.Etiology is null || filter.Etiology == r.Etiology)
        && (filter.FromMonth is null || r.ProcedureDate >= filter.FromMonth)
        && (filter.ToMonth is null || r.ProcedureDate < filter.ToMonth.Value.AddMonths(1));

    [Theory]
    [MemberData(nameof(SeedsAndFilters))]
    public void Every_figure_matches_a_naive_computation_over_the_raw_answers(int seed, string filterName)
    {
        var raw = RandomCohort(seed);
        var filter = Filter(filterName);
        var selected = raw.Where(p => NaiveIncludes(filter, p.Registration)).ToList();

        var report = OutcomeReportBuilder.Build(Tally(raw), filter, Today, Catalog, suppression: null);

        Assert.Equal(selected.Count(p => p.FirstOfPatient), Shown(report.Cohort.Patients));
        Assert.Equal(selected.Count, Shown(report.Cohort.Procedures));
        Assert.Equal(selected.Sum(p => p.Registration.Levels.Count), Shown(report.Cohort.Vertebrae));
        // Per patient: of those whose earliest procedure is selected and 30 days old, those who died within 30 days after
        // one of their procedures (counted with the latest such procedure, when it is selected and 30 days old).
        bool Days(Procedure p, int days) => Today.DayNumber - p.Registration.ProcedureDate.DayNumber >= days;
        var thirtyDays = selected.Count(p => p.FirstOfPatient && Days(p, 30));
        var earlyDeaths = raw.Where(p => p.Died is not null).GroupBy(p => (p.ClinicId, p.PatientRef))
            .Select(g => g.Where(p => CohortTally.IsEarlyDeath(p.Registration.ProcedureDate, g.First(f => f.FirstOfPatient).Died!.Value)).LastOrDefault())
            .Count(p => p is not null && selected.Contains(p) && Days(p, 30));
        AssertProportion(Math.Min(earlyDeaths, thirtyDays), thirtyDays, Shown(report.Mortality30Day));
        // A patient is counted once, with the first of their procedures that has a fracture report (as OutcomeCounting does).
        var countedWith = raw.Where(p => p.FractureReports.Length > 0).GroupBy(p => (p.ClinicId, p.PatientRef)).Select(g => g.First()).ToHashSet();
        var fracturedPatients = selected.Count(countedWith.Contains);
        Assert.Equal(fracturedPatients, Shown(report.NewFractures.PatientsWithNewFracture));
        Assert.Equal(selected.Sum(p => p.FractureReports.Sum(l => Math.Max(1, l))), Shown(report.NewFractures.Fractures));
        var followedUp = selected.Count(p => p.FirstOfPatient && Days(p, 7));
        AssertProportion(Math.Min(fracturedPatients, followedUp), followedUp, Shown(report.NewFractures.Share));

        Assert.Equal(["baseline", "1w", "1m", "3m", "6m", "12m"], report.TimePoints.Select(t => t.TimePoint));
        var baseline = report.TimePoints[0];
        Assert.Equal(selected.Count, Shown(baseline.Due));
        AssertSummary(selected.Select(p => p.Registration.Baseline.Pain.Value).ToList(), Shown(baseline.Pain));
        Assert.Null(baseline.Change);
        AssertProportion(selected.Count(p => p.Registration.Baseline.Medications.Any(m => m != Medication.None)), selected.Count, Shown(baseline.AnyMedication));
        AssertProportion(selected.Count(p => p.Registration.Baseline.Medications.Any(IsOpioid)), selected.Count, Shown(baseline.Opioid));

        foreach (var timePoint in report.TimePoints.Skip(1))
        {
            var followUps = selected.Select(p => (p.Registration.Baseline.Pain.Value, FollowUp: p.FollowUps[timePoint.TimePoint])).ToList();
            var answers = followUps.Where(f => f.FollowUp.Status == Status.Answered).Select(f => (Baseline: f.Value, f.FollowUp.Answer!)).ToList();
            // Due by the calendar: every window opened by today, less those a death came before.
            var due = selected.Count(p => TimePoint.All.Single(t => t.Code == timePoint.TimePoint).DueAfter(p.Registration.ProcedureDate) <= Today
                && p.FollowUps[timePoint.TimePoint].Status != Status.NeverDue);
            Assert.Equal(due, Shown(timePoint.Due));
            Assert.Equal(answers.Count, Shown(timePoint.Answered));
            AssertProportion(answers.Count, due, Shown(timePoint.ResponseRate));
            AssertSummary(answers.Select(a => a.Item2.Pain).ToList(), Shown(timePoint.Pain));
            AssertSummary(answers.Select(a => a.Item2.Pain - a.Baseline).ToList(), Shown(timePoint.Change!.Value));
            AssertProportion(answers.Count(a => a.Baseline - a.Item2.Pain >= 2), answers.Count, Shown(timePoint.ImprovedTwoPoints!.Value));
            AssertProportion(answers.Count(a => a.Baseline > 0 && (a.Baseline - a.Item2.Pain) / (double)a.Baseline >= 0.3 - 1e-12),
                answers.Count(a => a.Baseline > 0), Shown(timePoint.ImprovedThirtyPercent!.Value));
            var medicated = answers.Where(a => a.Item2.Medications is not null).Select(a => a.Item2.Medications!).ToList();
            AssertProportion(medicated.Count(m => m.Any(x => x != Medication.None)), medicated.Count, Shown(timePoint.AnyMedication));
            AssertProportion(medicated.Count(m => m.Any(IsOpioid)), medicated.Count, Shown(timePoint.Opioid));
        }
    }

    [Fact]
    public void Thirty_day_mortality_counts_patients_followed_for_thirty_days_once_each()
    {
        var cohort = new CohortTally();
        Register(cohort, new DateOnly(2026, 3, 10), first: true);    // 31 days before today: followed up
        Register(cohort, new DateOnly(2026, 3, 11), first: true);    // exactly 30 days: followed up
        Register(cohort, new DateOnly(2026, 3, 11), first: false);   // the same patient's second procedure: not a second patient
        Register(cohort, new DateOnly(2026, 3, 12), first: true);    // 29 days: not yet
        cohort.AddEarlyDeath(new DateOnly(2026, 3, 11));             // died within 30 days of it
        cohort.AddEarlyDeath(new DateOnly(2026, 3, 12));             // early, but not yet followed up 30 days
        var cell = new CellTallies("c", new TallyCell(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2026, 3), cohort, new Dictionary<string, TimePointTally>());

        var report = OutcomeReportBuilder.Build([cell], new(), Today, Catalog, suppression: null);

        var mortality = Shown(report.Mortality30Day);
        Assert.Equal((1, 2), (mortality.Count, mortality.N));
    }

    [Fact]
    public void Each_clinic_is_counted_at_its_own_today()
    {
        // Procedures on 3 March: their one-month survey opens on 3 April. On 2 April UTC, a clinic already on 3 April
        // (east of UTC) has them due; one still on 2 April does not.
        var cells = new[] { "east", "west" }.Select(clinic =>
        {
            var cohort = new CohortTally();
            for (var i = 0; i < 3; i++)
                Register(cohort, new DateOnly(2026, 3, 3), first: true);
            return new CellTallies(clinic, new TallyCell(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2026, 3), cohort, new Dictionary<string, TimePointTally>());
        }).ToList();
        var today = new ClinicDates(new DateOnly(2026, 4, 2), new Dictionary<string, DateOnly> { ["east"] = new(2026, 4, 3) });

        var report = OutcomeReportBuilder.Build(cells, new(), today, Catalog, suppression: null);

        Assert.Equal(3, Shown(report.TimePoints.Single(t => t.TimePoint == "1m").Due));
        Assert.Equal(6, Shown(report.TimePoints.Single(t => t.TimePoint == "1w").Due));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void An_analyst_view_withholds_a_time_point_with_fewer_than_five_answers_and_a_clinic_view_never(int answers, bool suppressed)
    {
        var cohort = new CohortTally();
        var oneWeek = new TimePointTally();
        for (var i = 0; i < answers; i++)
        {
            Register(cohort, new DateOnly(2026, 1, 5 + i), first: true);
            oneWeek.Move(FollowUpStatus.Pending, FollowUpStatus.Invited);
            oneWeek.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
            oneWeek.AddAnswer(PainScore.From(8), new SurveyAnswers(PainScore.From(3 + i % 2), [Medication.Paracetamol]));
            oneWeek.Patients++;
        }
        var cell = new CellTallies("c", new TallyCell(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2026, 1), cohort,
            new Dictionary<string, TimePointTally> { ["1w"] = oneWeek });

        var analyst = OutcomeReportBuilder.Build([cell], new(), Today, Catalog, Suppression.CrossClinic);
        var clinic = OutcomeReportBuilder.Build([cell], new(), Today, Catalog, suppression: null);

        var week = analyst.TimePoints.Single(t => t.TimePoint == "1w");
        Reportable<object?>[] answerFigures =
        [
            Box(week.Answered), Box(week.ResponseRate), Box(week.Pain), Box(week.Change!.Value), Box(week.ImprovedTwoPoints!.Value),
            Box(week.ImprovedThirtyPercent!.Value), Box(week.AnyMedication), Box(week.Opioid), Box(analyst.Cohort.Patients),
            Box(analyst.Cohort.Procedures), Box(analyst.Mortality30Day), Box(analyst.NewFractures.Share), Box(analyst.TimePoints[0].Pain),
        ];
        Assert.All(answerFigures, f => Assert.Equal(suppressed, f.IsSuppressed));
        Assert.Equal(suppressed, week.Due.IsSuppressed);   // as many patients due as answered
        Assert.True(analyst.TimePoints[2].Pain.IsSuppressed);   // 1m: no answers at all
        Assert.Equal(answers, Shown(clinic.TimePoints[1].Pain).N);
        Assert.Equal(0, Shown(clinic.TimePoints[2].Pain).N);
        Assert.Equal(suppressed, analyst.TimePoints[1].Benchmarks.Where(b => b.Figure.Measure == "pain_change").All(b => b.Overlaps is null));
    }

    [Fact]
    public void Each_time_point_stands_beside_the_published_figures_for_the_same_procedure_and_time_point()
    {
        var report = OutcomeReportBuilder.Build([], new(ProcedureType.Vertebroplasty), Today, Catalog, suppression: null);
        var both = OutcomeReportBuilder.Build([], new(), Today, Catalog, suppression: null);

        var oneMonth = report.TimePoints.Single(t => t.TimePoint == "1m");
        Assert.Contains(oneMonth.Benchmarks, b => b.Figure.StudyId == "tan2015" && b.Figure.Measure == "pain_mean");
        Assert.Contains(oneMonth.Benchmarks, b => b.Figure.StudyId == "invest2009" && b.Figure.Measure == "responders_30pct");
        Assert.All(report.TimePoints.SelectMany(t => t.Benchmarks), b => Assert.Equal(ProcedureType.Vertebroplasty, b.ProcedureType));
        Assert.DoesNotContain(report.TimePoints.SelectMany(t => t.Benchmarks), b => b.Figure.StudyId == "evolve2019");
        Assert.Contains(report.SafetyBenchmarks, b => b.Figure.StudyId == "tan2015" && b.Figure.Measure == "mortality_30d");
        Assert.Contains(report.Studies, s => s.Id == "tan2015" && s.Citation.StartsWith("Tan") && s.SourceUrl.StartsWith("https://"));
        Assert.Contains(both.TimePoints.Single(t => t.TimePoint == "1w").Benchmarks,
            b => b.Figure.StudyId == "evolve2019" && b.ProcedureType == ProcedureType.Kyphoplasty);
        Assert.Contains(both.TimePoints.Single(t => t.TimePoint == "1w").Benchmarks,
            b => b.Figure.StudyId == "tan2015" && b.ProcedureType == ProcedureType.Vertebroplasty);
    }

    [Fact]
    public void A_benchmark_overlaps_when_the_report_interval_reaches_it()
    {
        var cohort = new CohortTally();
        var threeMonths = new TimePointTally();
        foreach (var (baseline, pain) in new[] { (8, 5), (7, 5), (9, 6), (6, 4), (8, 6), (7, 4) })   // changes −3, −2, −3, −2, −2, −3
        {
            Register(cohort, new DateOnly(2025, 12, 1), first: true);
            threeMonths.Move(FollowUpStatus.Pending, FollowUpStatus.Invited);
            threeMonths.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
            threeMonths.AddAnswer(PainScore.From(baseline), new SurveyAnswers(PainScore.From(pain)));
            threeMonths.Patients++;
        }
        var cell = new CellTallies("c", new TallyCell(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2025, 12), cohort,
            new Dictionary<string, TimePointTally> { ["3m"] = threeMonths });

        var report = OutcomeReportBuilder.Build([cell], new(ProcedureType.Vertebroplasty), Today, Catalog, suppression: null);

        var change = Shown(report.TimePoints.Single(t => t.TimePoint == "3m").Change!.Value).MeanCi95!.Value;   // −2.5, CI ≈ [−3.07, −1.93]
        var buchbinder = report.TimePoints.Single(t => t.TimePoint == "3m").Benchmarks.Single(b => b.Figure.StudyId == "buchbinder2009");
        Assert.Equal(change.Low <= -2.6 && -2.6 <= change.High, buchbinder.Overlaps);
        Assert.True(buchbinder.Overlaps);
        Assert.Equal(true, report.SafetyBenchmarks.Single(b => b.Figure.StudyId == "tan2015" && b.Figure.Measure == "mortality_30d").Overlaps);
    }

    private static void Register(CohortTally cohort, DateOnly date, bool first) =>
        cohort.AddProcedure(new ProcedureRegistration("P", new PatientContact(null, null, "en"), ProcedureType.Vertebroplasty, date,
            [VertebralLevel.All[18]], Etiology.Osteoporotic, new Baseline(PainScore.From(8), [Medication.Paracetamol]), ProcedureDetails.None), first);

    private static bool IsOpioid(Medication m) => m is Medication.WeakOpioid or Medication.StrongOpioid;

    private static Reportable<object?> Box<T>(Reportable<T> figure) =>
        figure.IsSuppressed ? Reportable<object?>.Suppressed : Reportable<object?>.Shown(figure.Value);

    private static T Shown<T>(Reportable<T> figure)
    {
        Assert.False(figure.IsSuppressed);
        return figure.Value!;
    }

    private static void AssertProportion(int count, int n, Proportion actual)
    {
        Assert.Equal((count, n), (actual.Count, actual.N));
        if (n == 0)
        {
            Assert.Null(actual.Share);
            return;
        }
        Assert.Equal((double)count / n, actual.Share!.Value, Tolerance);
        var (low, high) = Naive.Wilson(count, n);
        Assert.Equal(Math.Max(0, low), actual.Ci95!.Value.Low, Tolerance);
        Assert.Equal(Math.Min(1, high), actual.Ci95!.Value.High, Tolerance);
    }

    private static void AssertSummary(IReadOnlyList<int> values, Summary actual)
    {
        Assert.Equal(values.Count, actual.N);
        if (values.Count == 0)
        {
            Assert.Null(actual.Mean);
            return;
        }
        Assert.Equal(Naive.Mean(values), actual.Mean!.Value, Tolerance);
        Assert.Equal(Naive.Quantile(values, 0.5), actual.Median!.Value, Tolerance);
        Assert.Equal(Naive.Quantile(values, 0.25), actual.FirstQuartile!.Value, Tolerance);
        Assert.Equal(Naive.Quantile(values, 0.75), actual.ThirdQuartile!.Value, Tolerance);
        if (values.Count == 1)
        {
            Assert.Null(actual.StandardDeviation);
            return;
        }
        Assert.Equal(Naive.StandardDeviation(values), actual.StandardDeviation!.Value, Tolerance);
        var (low, high) = Naive.MeanCi95(values);
        Assert.Equal(low, actual.MeanCi95!.Value.Low, Tolerance);
        Assert.Equal(high, actual.MeanCi95!.Value.High, Tolerance);
    }
}
