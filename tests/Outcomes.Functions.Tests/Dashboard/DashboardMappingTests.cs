using System.Xml.Linq;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Functions.Dashboard;
using Outcomes.Testing;

namespace Outcomes.Functions.Tests.Dashboard;

public sealed class DashboardMappingTests
{
    private static readonly BenchmarkCatalog Catalog = GetBenchmarks.LoadCatalog(
        Path.Combine(AzuriteFixture.RepoRoot, "src", "Outcomes.Functions", "Benchmarks", "published-outcomes.json"));

    private static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>A clinic's cell of <paramref name="patients"/> vertebroplasties in March 2026, everyone answering at 1w and 3m with pain falling by <paramref name="fall"/>.</summary>
    private static CellTallies Cell(string clinic, int patients, int baseline, int fall)
    {
        var cohort = new CohortTally { Procedures = patients, Patients = patients, Vertebrae = patients + 2 };
        cohort.PatientsByDay[9] = patients;
        cohort.BaselinePain[baseline] = patients;
        cohort.ProceduresByDay[9] = patients;
        TimePointTally Answered()
        {
            var t = new TimePointTally { Answered = patients, MedicationAnswers = patients, AnyMedication = patients / 2, Patients = patients };
            t.Pain[baseline - fall] = patients;
            t.Change[-fall + TimePointTally.ChangeOffset] = patients;
            t.ChangeByBaselineBand[TimePointTally.BaselineBand(Domain.Scores.PainScore.From(baseline))][-fall + TimePointTally.ChangeOffset] = patients;
            t.Change[-fall + TimePointTally.ChangeOffset] -= 1;   // one answer a point better, so the SD is not 0
            t.Change[-fall - 1 + TimePointTally.ChangeOffset] += 1;
            t.ChangeByBaselineBand[TimePointTally.BaselineBand(Domain.Scores.PainScore.From(baseline))][-fall + TimePointTally.ChangeOffset] -= 1;
            t.ChangeByBaselineBand[TimePointTally.BaselineBand(Domain.Scores.PainScore.From(baseline))][-fall - 1 + TimePointTally.ChangeOffset] += 1;
            return t;
        }
        return new CellTallies(clinic, new TallyCell(ProcedureType.Vertebroplasty, Etiology.Osteoporotic, 2026, 3), cohort,
            new Dictionary<string, TimePointTally> { ["1w"] = Answered(), ["3m"] = Answered() });
    }

    [Fact]
    public void A_clinics_report_becomes_its_trajectory_beside_the_studies_with_tan2015_cited()
    {
        var cells = new[] { Cell("north", 12, 8, 4) };
        var report = OutcomeReportBuilder.Build(cells, new OutcomeReportFilter(ProcedureType.Vertebroplasty), Today, Catalog, null);

        var model = DashboardMapping.From(report, "Spine Centre North", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var page = XDocument.Parse(DashboardPage.Render(model)["<!doctype html>".Length..]);

        Assert.Equal(["Procedure: vertebroplasty"], model.Filters);
        Assert.Equal(12, model.Cohort.Patients);
        Assert.Equal(4.0, model.TimePoints.Single(t => t.Code == "1w").Pain!.Mean);
        Assert.Contains(model.Studies, s => s.Id == "tan2015" && s.Citation.Contains("Pain Res Manag"));
        Assert.Contains(model.Benchmarks, b => b.StudyId == "tan2015" && b.Measure == "mortality_30d");
        Assert.Null(model.Funnel);
        var points = page.Descendants(Svg.Ns + "svg").Single(s => s.Attribute("id")!.Value == "chart-pain").WithClass("series").Single().Elements(Svg.Ns + "circle");
        Assert.Equal(["baseline", "1w", "3m"], points.Select(p => p.Attribute("data-category")!.Value));
        Assert.Contains(page.Descendants("li"), l => l.Attribute("id")?.Value == "study-tan2015");
    }

    [Fact]
    public void Under_suppression_small_figures_are_null_and_shown_as_suppressed()
    {
        var report = OutcomeReportBuilder.Build([Cell("north", 3, 8, 4)], new OutcomeReportFilter(), Today, Catalog, Suppression.CrossClinic);

        var model = DashboardMapping.From(report, "All clinics", DateTimeOffset.UnixEpoch);

        Assert.Equal(5, model.SuppressionMinimum);
        Assert.Null(model.Cohort.Patients);
        Assert.All(model.TimePoints, t => Assert.Null(t.Pain));
        Assert.Contains("suppressed", DashboardPage.Render(model));
    }

    [Fact]
    public void The_funnel_compares_clinics_after_case_mix_adjustment()
    {
        var cells = new[] { Cell("north", 30, 8, 5), Cell("south", 40, 5, 2), Cell("east", 35, 8, 5), Cell("west", 25, 5, 2) };

        var funnel = DashboardMapping.Funnel(cells, new OutcomeReportFilter(), id => id.ToUpperInvariant(), Today)!;

        Assert.True(funnel.CaseMixAdjusted);
        Assert.Equal("3m", funnel.TimePoint);
        Assert.Equal(["NORTH", "SOUTH", "EAST", "WEST"], funnel.Clinics.Select(c => c.Label));
        Assert.All(funnel.Clinics, c => Assert.False(c.Outside998));   // north falls further only because its patients start higher
        Assert.Equal(30, funnel.Clinics[0].ResponseRate!.N);
    }
}
