using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Funnel;
using Outcomes.Domain.Reports.Statistics;

namespace Outcomes.Domain.Tests.Reports;

public class FunnelTests
{
    private const double Tolerance = 1e-9;

    /// <summary>One patient's answer at the funnel's time point, as raw data.</summary>
    private sealed record Patient(string ClinicId, ProcedureType Type, Etiology Etiology, int Baseline, int Pain, int Month)
    {
        public int Change => Pain - Baseline;
        public int Band => Baseline <= 3 ? 0 : Baseline <= 6 ? 1 : 2;
        public (ProcedureType, Etiology, int) Stratum => (Type, Etiology, Band);
    }

    private sealed record Clinic(string Id, int Due, IReadOnlyList<Patient> Patients);

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 12).Select(seed => new object[] { seed });

    /// <summary>
    /// A random cohort: 3–8 clinics of 1–120 answers each, mixed procedure types, etiologies, baselines and months;
    /// pain after the procedure depends on the stratum (severe baselines fall further) plus noise.
    /// </summary>
    private static List<Clinic> RandomCohort(int seed)
    {
        var random = new Random(seed);
        var clinics = new List<Clinic>();
        for (var c = 0; c < random.Next(3, 9); c++)
        {
            var id = $"clinic-{c}";
            var severeShare = random.NextDouble();
            var patients = Enumerable.Range(0, random.Next(1, 121)).Select(_ =>
            {
                var baseline = random.NextDouble() < severeShare ? random.Next(7, 11) : random.Next(0, 7);
                var type = (ProcedureType)random.Next(2);
                var etiology = (Etiology)random.Next(4);
                var pain = Math.Clamp((int)Math.Round(baseline * 0.4 + (int)etiology - 1 + random.Next(-3, 4)), 0, 10);
                return new Patient(id, type, etiology, baseline, pain, random.Next(1, 13));
            }).ToList();
            clinics.Add(new Clinic(id, patients.Count + random.Next(0, 40), patients));
        }
        return clinics;
    }

    /// <summary>Each clinic's answers tallied the way the store keeps them: per (procedure type, etiology, month) cell, by baseline band.</summary>
    private static List<ClinicCaseMix> Tallied(IEnumerable<Clinic> clinics) => clinics.Select(clinic =>
    {
        var mix = new ClinicCaseMix(clinic.Id);
        foreach (var cell in clinic.Patients.GroupBy(p => new TallyCell(p.Type, p.Etiology, 2026, p.Month)))
        {
            var tally = new TimePointTally { Answered = cell.Count() };
            foreach (var p in cell)
                tally.ChangeByBaselineBand[p.Band][p.Change + TimePointTally.ChangeOffset]++;
            mix.Add(cell.Key, tally, due: tally.Answered);
        }
        return mix.AddSurveys(clinic.Due - clinic.Patients.Count, 0);
    }).ToList();

    private static double NaiveMean(IEnumerable<int> values) => values.Average(v => (double)v);

    private static double NaiveSd(IReadOnlyList<int> values)
    {
        var mean = NaiveMean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pooled_mean_and_sds_match_a_naive_computation_over_the_patients(int seed)
    {
        var clinics = RandomCohort(seed);
        var all = clinics.SelectMany(c => c.Patients).ToList();

        var adjustment = CaseMixAdjustment.Of(Tallied(clinics));

        var changes = all.Select(p => p.Change).ToList();
        Assert.Equal(changes.Count, adjustment.N);
        Assert.Equal(NaiveMean(changes), adjustment.PooledMean!.Value, Tolerance);
        Assert.Equal(NaiveSd(changes), adjustment.PooledSd!.Value, Tolerance);
        var strata = all.GroupBy(p => p.Stratum).ToList();
        var within = strata.Sum(s => s.Sum(p => Math.Pow(p.Change - NaiveMean(s.Select(q => q.Change)), 2)));
        Assert.Equal(Math.Sqrt(within / (all.Count - strata.Count)), adjustment.ResidualSd!.Value, Tolerance);
        Assert.Equal(strata.Count, adjustment.StratumMeans.Count);
        foreach (var s in strata)
            Assert.Equal(NaiveMean(s.Select(p => p.Change)), adjustment.StratumMeans[new CaseMixStratum(s.Key.Item1, s.Key.Item2, s.Key.Item3)], Tolerance);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Expected_change_is_each_patients_stratum_mean_averaged_over_the_clinic_and_adjusted_is_pooled_plus_observed_minus_expected(int seed)
    {
        var clinics = RandomCohort(seed);
        var all = clinics.SelectMany(c => c.Patients).ToList();
        var stratumMean = all.GroupBy(p => p.Stratum).ToDictionary(g => g.Key, g => NaiveMean(g.Select(p => p.Change)));
        var pooled = NaiveMean(all.Select(p => p.Change));

        var adjustment = CaseMixAdjustment.Of(Tallied(clinics));

        foreach (var (clinic, result) in clinics.Zip(adjustment.Clinics))
        {
            var observed = NaiveMean(clinic.Patients.Select(p => p.Change));
            var expected = clinic.Patients.Average(p => stratumMean[p.Stratum]);
            Assert.Equal(clinic.Id, result.ClinicId);
            Assert.Equal(clinic.Patients.Count, result.N);
            Assert.Equal(observed, result.Observed!.Value, Tolerance);
            Assert.Equal(expected, result.Expected!.Value, Tolerance);
            Assert.Equal(pooled + observed - expected, result.Adjusted!.Value, Tolerance);
            Assert.Equal(clinic.Patients.Count, result.ResponseRate.Count);
            Assert.Equal(clinic.Due, result.ResponseRate.N);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Limits_and_outlier_flags_match_a_naive_computation(int seed)
    {
        var clinics = RandomCohort(seed);
        var all = clinics.SelectMany(c => c.Patients).ToList();
        var changes = all.Select(p => p.Change).ToList();
        var (pooled, sd) = (NaiveMean(changes), NaiveSd(changes));

        var funnel = FunnelPlot.Unadjusted(CaseMixAdjustment.Of(Tallied(clinics)))!;

        Assert.False(funnel.IsCaseMixAdjusted);
        Assert.Equal(pooled, funnel.PooledMean, Tolerance);
        foreach (var n in new[] { 1, 5, 20, 100, 1000 })
        {
            var limits = funnel.LimitsAt(n);
            Assert.Equal(pooled - 1.959964 * sd / Math.Sqrt(n), limits.Limits95.Low, 1e-5);
            Assert.Equal(pooled + 1.959964 * sd / Math.Sqrt(n), limits.Limits95.High, 1e-5);
            Assert.Equal(pooled - 3.090232 * sd / Math.Sqrt(n), limits.Limits998.Low, 1e-5);
            Assert.Equal(pooled + 3.090232 * sd / Math.Sqrt(n), limits.Limits998.High, 1e-5);
        }
        Assert.Equal(clinics.Count, funnel.Points.Count);
        foreach (var (clinic, point) in clinics.Zip(funnel.Points))
        {
            var mean = NaiveMean(clinic.Patients.Select(p => p.Change));
            var se = sd / Math.Sqrt(clinic.Patients.Count);
            Assert.Equal(mean, point.Value, Tolerance);
            Assert.Equal(Math.Abs(mean - pooled) > 1.959964 * se, point.Outside95);
            Assert.Equal(Math.Abs(mean - pooled) > 3.090232 * se, point.Outside998);
            if (point.Outside95)
                Assert.Equal(mean > pooled ? FunnelPosition.Above : FunnelPosition.Below, point.Against95);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Adjusted_funnel_uses_the_adjusted_changes_and_the_within_stratum_sd(int seed)
    {
        var clinics = RandomCohort(seed);
        var adjustment = CaseMixAdjustment.Of(Tallied(clinics));

        var funnel = FunnelPlot.Adjusted(adjustment)!;

        Assert.True(funnel.IsCaseMixAdjusted);
        Assert.Equal(adjustment.ResidualSd!.Value, funnel.Sd, Tolerance);
        foreach (var (clinic, point) in adjustment.Clinics.Zip(funnel.Points))
        {
            var half998 = 3.090232 * funnel.Sd / Math.Sqrt(clinic.N);
            Assert.Equal(clinic.Adjusted!.Value, point.Value, Tolerance);
            Assert.Equal(Math.Abs(clinic.Adjusted.Value - adjustment.PooledMean!.Value) > half998, point.Outside998);
        }
    }

    /// <summary>
    /// Every clinic treats patients the same way (pain falls by a fixed amount per baseline band, plus noise); one clinic
    /// takes only severe-baseline patients, whose pain falls furthest. Crude, it looks far better than the rest; adjusted
    /// for case mix, it sits on the pooled mean. A clinic that really does worse stays an outlier after adjustment.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_clinic_better_only_by_case_mix_does_not_stand_out_after_adjustment_but_a_worse_one_does(int seed)
    {
        var random = new Random(seed);
        Patient Treat(string clinic, int baseline, int worseBy = 0)
        {
            var fall = baseline <= 3 ? 1 : baseline <= 6 ? 3 : 6;
            return new Patient(clinic, ProcedureType.Vertebroplasty, Etiology.Osteoporotic, baseline,
                Math.Clamp(baseline - fall + worseBy + random.Next(-1, 2), 0, 10), random.Next(1, 13));
        }
        List<Clinic> Mixed() => Enumerable.Range(0, 6)
            .Select(c => new Clinic($"mixed-{c}", 200, Enumerable.Range(0, 150).Select(_ => Treat($"mixed-{c}", random.Next(1, 11))).ToList()))
            .ToList();
        var severeOnly = new Clinic("severe-only", 200, Enumerable.Range(0, 150).Select(_ => Treat("severe-only", random.Next(7, 11))).ToList());
        var worse = new Clinic("worse", 200, Enumerable.Range(0, 150).Select(_ => Treat("worse", random.Next(1, 11), worseBy: 2)).ToList());

        var byCaseMix = CaseMixAdjustment.Of(Tallied([.. Mixed(), severeOnly]));
        var byCare = FunnelPlot.Adjusted(CaseMixAdjustment.Of(Tallied([.. Mixed(), worse])))!;

        var crude = FunnelPlot.Unadjusted(byCaseMix)!.Points.Single(p => p.ClinicId == "severe-only");
        var adjusted = FunnelPlot.Adjusted(byCaseMix)!;
        var severeAdjusted = adjusted.Points.Single(p => p.ClinicId == "severe-only");
        Assert.Equal(FunnelPosition.Below, crude.Against998);
        Assert.Equal(FunnelPosition.Within, severeAdjusted.Against998);
        Assert.InRange(severeAdjusted.Value - adjusted.PooledMean, -0.2, 0.2);
        Assert.Equal(FunnelPosition.Above, byCare.Points.Single(p => p.ClinicId == "worse").Against998);
        Assert.All(byCare.Points.Where(p => p.ClinicId != "worse"), p => Assert.NotEqual(FunnelPosition.Above, p.Against998));
    }

    [Fact]
    public void Limits_narrow_as_the_number_of_patients_grows()
    {
        var widths = new[] { 1, 4, 16, 64 }.Select(n => FunnelPlot.LimitsAt(-3, 2, n)).Select(l => l.Limits998.High - l.Limits998.Low).ToList();

        Assert.Equal(widths.OrderDescending(), widths);
        Assert.Equal(2 * 3.090232 * 2, widths[0], 1e-5);
        Assert.Equal(widths[0] / 8, widths[3], Tolerance);
    }

    [Fact]
    public void Clinics_without_answers_keep_their_response_rate_but_have_no_point()
    {
        var answered = new ClinicCaseMix("a").AddChanges(new CaseMixStratum(ProcedureType.Kyphoplasty, Etiology.Malignant, 2),
            IntegerHistogram.Of(-10, 10, [-5, -4, -3])).AddSurveys(4, 3);
        var silent = new ClinicCaseMix("b").AddSurveys(10, 0);

        var adjustment = CaseMixAdjustment.Of([answered, silent]);

        Assert.Null(adjustment.Clinics[1].Adjusted);
        Assert.Equal(0.0, adjustment.Clinics[1].ResponseRate.Share);
        Assert.Equal(0.75, adjustment.Clinics[0].ResponseRate.Share);
        Assert.Equal(["a"], FunnelPlot.Unadjusted(adjustment)!.Points.Select(p => p.ClinicId));
        Assert.Equal(["a"], FunnelPlot.Adjusted(adjustment)!.Points.Select(p => p.ClinicId));
    }

    [Fact]
    public void No_answers_give_no_funnel()
    {
        var adjustment = CaseMixAdjustment.Of([new ClinicCaseMix("a").AddSurveys(3, 0)]);

        Assert.Null(adjustment.PooledMean);
        Assert.Null(FunnelPlot.Unadjusted(adjustment));
        Assert.Null(FunnelPlot.Adjusted(adjustment));
    }
}
