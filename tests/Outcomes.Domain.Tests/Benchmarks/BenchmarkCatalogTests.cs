using System.Text.Json;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Tests.Benchmarks;

public class BenchmarkCatalogTests
{
    private static readonly BenchmarkCatalog Shipped = ShippedBenchmarks.Load();

    [Fact]
    public void The_shipped_file_loads_with_every_study_citing_its_source_and_quote()
    {
        Assert.NotEmpty(Shipped.Studies);
        Assert.All(Shipped.Studies, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Citation), s.Id);
            Assert.True(Uri.TryCreate(s.SourceUrl, UriKind.Absolute, out var url) && url.Scheme == "https", s.Id);
            Assert.False(string.IsNullOrWhiteSpace(s.Quote), s.Id);
            Assert.NotEmpty(s.Figures);
        });
        Assert.Equal(Shipped.Studies.Count, Shipped.Studies.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Every_figure_measure_and_time_point_is_one_the_file_describes()
    {
        Assert.All(Shipped.Figures, f =>
        {
            Assert.Contains(f.Measure, Shipped.Measures.Keys);
            Assert.Contains(f.TimePoint, Shipped.TimePoints);
        });
    }

    [Fact]
    public void Tan_2015_holds_its_vertebroplasty_figures_as_the_file_gives_them()
    {
        var tan = Shipped.Study("tan2015")!;

        Assert.StartsWith("Tan H-Y", tan.Citation);
        Assert.Equal("https://www.hindawi.com/journals/prm/2015/181487/", tan.SourceUrl);
        Assert.Equal([ProcedureType.Vertebroplasty], tan.ProcedureTypes);
        Assert.Equal((62, 73, 92), (tan.Patients, tan.ProcedureCount, tan.Vertebrae));
        Assert.Equal(
            [("mortality_30d", "1m"), ("new_fracture_patients", "12m"), ("pain_mean", "1w"), ("pain_mean", "1m"),
             ("pain_mean", "3m"), ("pain_mean", "6m"), ("pain_mean", "12m")],
            tan.Figures.Select(f => (f.Measure, f.TimePoint)));
        var fractures = tan.Figures.Single(f => f.Measure == "new_fracture_patients");
        Assert.Equal((5, 62, 5), (fractures.Numerator, fractures.Denominator, fractures.Fractures));
        Assert.Equal((0, 62), (tan.Figures[0].Numerator, tan.Figures[0].Denominator));
        Assert.All(tan.Figures.Where(f => f.Measure == "pain_mean"), f =>
        {
            Assert.Null(f.Value);
            Assert.Contains("P<0.001", f.Note);
        });
    }

    [Theory]
    [InlineData("1w")]
    [InlineData("1m")]
    [InlineData("3m")]
    [InlineData("6m")]
    [InlineData("12m")]
    public void Tans_pain_figures_stand_beside_a_vertebroplasty_clinic_at_each_time_point_it_reports(string timePoint)
    {
        var figures = Shipped.ForTimePoint(ProcedureType.Vertebroplasty, timePoint, "pain_mean");

        Assert.Contains(figures, f => f.StudyId == "tan2015" && f.TimePoint == timePoint);
        Assert.All(figures, f => Assert.Equal((timePoint, "pain_mean"), (f.ClinicTimePoint, f.Measure)));
    }

    [Fact]
    public void Tans_figures_never_stand_beside_a_kyphoplasty_clinic_or_at_baseline()
    {
        Assert.DoesNotContain(Shipped.ForTimePoint(ProcedureType.Kyphoplasty, "1m", "pain_mean"), f => f.StudyId == "tan2015");
        Assert.DoesNotContain(Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "baseline", "pain_mean"), f => f.StudyId == "tan2015");
        Assert.Equal(["tan2015"], Shipped.ForTimePoint(ProcedureType.Vertebroplasty, TimePoint.OneMonth, "mortality_30d").Select(f => f.StudyId));
    }

    [Fact]
    public void Baseline_is_matched_as_the_apps_own_time_point()
    {
        var figures = Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "baseline", "pain_mean");

        Assert.Equal(["voormolen2006", "vertos5-2023"], figures.Select(f => f.StudyId));
    }

    [Fact]
    public void A_figure_with_its_own_procedure_in_a_study_of_both_is_matched_to_that_procedure_only()
    {
        var vertebroplasty = Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "12m", "new_fracture_patients");
        var kyphoplasty = Shipped.ForTimePoint(ProcedureType.Kyphoplasty, "12m", "new_fracture_patients");

        Assert.Equal(57, vertebroplasty.Single(f => f.StudyId == "kaviar2014").Numerator);
        Assert.Equal(50, kyphoplasty.Single(f => f.StudyId == "kaviar2014").Numerator);
        Assert.DoesNotContain(kyphoplasty, f => f.StudyId is "tan2015" or "vertos2-2010");
    }

    [Fact]
    public void Pooled_and_two_week_figures_are_kept_but_never_matched_to_a_clinic_time_point()
    {
        var pooled = Shipped.Study("papanastassiou2012")!.Figures;
        var twoWeeks = Shipped.Study("vapour2016")!.Figures.Single();

        Assert.Equal(4, pooled.Count);
        Assert.All(pooled, f => Assert.Null(f.ClinicTimePoint));
        Assert.Equal(("2w", null, 44.0), (twoWeeks.TimePoint, twoWeeks.ClinicTimePoint, twoWeeks.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "pooled", "pain_change"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "2w", "nrs_below_4"));
    }

    [Fact]
    public void A_measure_no_figure_has_finds_nothing()
    {
        Assert.Empty(Shipped.ForTimePoint(ProcedureType.Vertebroplasty, "3m", "opioid_use"));
    }

    private const string MixedCohort = """
        { "studies": [ { "id": "mixed", "citation": "A. Mixed cohort. 2020.", "source_url": "https://example.org/mixed", "procedure": "both",
            "quote": "Pain fell to 3.0.", "outcomes": [ { "measure": "pain_mean", "timePoint": "3m", "value": 3.0 } ] } ] }
        """;

    [Fact]
    public void A_mixed_cohort_figure_is_matched_to_either_procedure_only_when_asked_for()
    {
        var catalog = ShippedBenchmarks.Parse(MixedCohort);

        Assert.True(catalog.Figures.Single().IsMixedCohort);
        Assert.Empty(catalog.ForTimePoint(ProcedureType.Vertebroplasty, "3m", "pain_mean"));
        Assert.Single(catalog.ForTimePoint(ProcedureType.Vertebroplasty, "3m", "pain_mean", includeMixedCohorts: true));
        Assert.Single(catalog.ForTimePoint(ProcedureType.Kyphoplasty, "3m", "pain_mean", includeMixedCohorts: true));
    }

    [Fact]
    public void Unknown_fields_are_kept_rather_than_refused()
    {
        var catalog = ShippedBenchmarks.Parse("""
            { "version": 2, "studies": [ { "id": "x", "citation": "X. 2020.", "source_url": "https://example.org/x", "procedure": "kyphoplasty",
                "quote": "q", "country": "NL", "outcomes": [ { "measure": "pain_mean", "timePoint": "1m", "value": 4, "iqr": [3, 5] } ] } ] }
            """);

        Assert.Equal(2, catalog.Extra["version"].GetInt32());
        Assert.Equal("NL", catalog.Studies[0].Extra["country"].GetString());
        Assert.Equal(JsonValueKind.Array, catalog.Figures.Single().Extra["iqr"].ValueKind);
    }
}
