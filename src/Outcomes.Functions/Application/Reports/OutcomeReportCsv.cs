using System.Globalization;
using CsvHelper;
using static Outcomes.Functions.OutcomeReportView;

namespace Outcomes.Functions;

/// <summary>
/// The outcome report as CSV for a spreadsheet: the same figures as the JSON (written from the same view), one row per
/// time point and measure, then the published benchmarks beside them. <c>timePoint</c> is <c>cohort</c> for the cohort
/// and safety rows; <c>source</c> is <c>report</c> for the report's own figures and the study id for a benchmark;
/// <c>status</c> is <c>shown</c>, <c>suppressed</c> (small-cell suppression: the figure's columns are empty) or
/// <c>published</c>. <c>unit</c> says what a figure counts (patients, procedures, vertebrae, fractures, follow-ups or
/// answers; the baseline's figures are the procedures' as registered; empty for a published figure, as the study reported it). Shares are 0..1; a benchmark's value is as the study reported it, and where a study reported only a range
/// (<c>pain_mean_range</c>) its bounds stand in the ci95 columns.
/// </summary>
internal static class OutcomeReportCsv
{
    public static readonly string[] Columns =
        ["timePoint", "measure", "unit", "procedureType", "source", "n", "count", "value", "sd", "ci95Low", "ci95High", "median", "q1", "q3", "overlaps", "status"];

    /// <summary>What each of the report's own measures counts.</summary>
    private static readonly IReadOnlyDictionary<string, string> Units = new Dictionary<string, string>
    {
        ["patients"] = "patients", ["procedures"] = "procedures", ["vertebrae"] = "vertebrae", ["mortality_30d"] = "patients",
        ["new_fracture_patients"] = "patients", ["new_fractures"] = "fractures", ["new_fracture_share"] = "patients",
        ["new_fracture_patients_self_reported"] = "patients", ["new_fracture_patients_unsure"] = "patients",
        ["new_fracture_patients_either"] = "patients", ["new_fracture_share_either"] = "patients",
        ["surveys_due"] = "follow-ups", ["surveys_answered"] = "follow-ups", ["response_rate"] = "follow-ups",
        ["pain"] = "answers", ["pain_change"] = "answers", ["improved_2_points"] = "answers", ["improved_30_percent"] = "answers",
        ["any_pain_medication"] = "answers", ["opioid"] = "answers",
    };

    private sealed record Row(string TimePoint, string Measure, string ProcedureType, string Source, int? N = null, int? Count = null,
        double? Value = null, double? Sd = null, double? Ci95Low = null, double? Ci95High = null, double? Median = null, double? Q1 = null,
        double? Q3 = null, bool? Overlaps = null, string Status = "shown");

    public static string Write(Report report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var row in Rows(report))
            {
                csv.WriteField(row.TimePoint);
                csv.WriteField(row.Measure);
                csv.WriteField(row.Status == "published" ? null : row.TimePoint == "baseline" ? "procedures" : Units.GetValueOrDefault(row.Measure));
                csv.WriteField(row.ProcedureType);
                csv.WriteField(row.Source);
                csv.WriteField(row.N, "D");
                csv.WriteField(row.Count, "D");
                foreach (var number in new[] { row.Value, row.Sd, row.Ci95Low, row.Ci95High, row.Median, row.Q1, row.Q3 })
                    csv.WriteField(number, "R");
                csv.WriteField(row.Overlaps is { } overlaps ? (overlaps ? "true" : "false") : null);
                csv.WriteField(row.Status);
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    private static IEnumerable<Row> Rows(Report report)
    {
        var type = report.ProcedureType ?? "all";
        const string cohort = "cohort";
        yield return Count(cohort, "patients", type, report.Cohort.Patients);
        yield return Count(cohort, "procedures", type, report.Cohort.Procedures);
        yield return Count(cohort, "vertebrae", type, report.Cohort.Vertebrae);
        yield return Figure(cohort, "mortality_30d", type, report.Mortality30Day);
        var fractures = report.NewFractures;
        yield return Count(cohort, "new_fracture_patients", type, fractures.Patients);
        yield return Count(cohort, "new_fractures", type, fractures.Fractures);
        yield return Figure(cohort, "new_fracture_share", type, fractures.Share);
        yield return Count(cohort, "new_fracture_patients_self_reported", type, fractures.ReportedByPatient);
        yield return Count(cohort, "new_fracture_patients_unsure", type, fractures.UnsureByPatient);
        yield return Count(cohort, "new_fracture_patients_either", type, fractures.Either);
        yield return Figure(cohort, "new_fracture_share_either", type, fractures.EitherShare);
        foreach (var b in report.SafetyBenchmarks)
            yield return Published(b) with { TimePoint = cohort };
        foreach (var t in report.TimePoints)
        {
            yield return Count(t.Code, "surveys_due", type, t.Due);
            yield return Count(t.Code, "surveys_answered", type, t.Answered);
            yield return Figure(t.Code, "response_rate", type, t.ResponseRate);
            yield return Figure(t.Code, "pain", type, t.Pain);
            if (t.Change is { } change) yield return Figure(t.Code, "pain_change", type, change);
            if (t.ImprovedTwoPoints is { } two) yield return Figure(t.Code, "improved_2_points", type, two);
            if (t.ImprovedThirtyPercent is { } thirty) yield return Figure(t.Code, "improved_30_percent", type, thirty);
            yield return Figure(t.Code, "any_pain_medication", type, t.AnyMedication);
            yield return Figure(t.Code, "opioid", type, t.Opioid);
            foreach (var b in t.Benchmarks)
                yield return Published(b) with { TimePoint = t.Code };
        }
    }

    private static Row Count(string timePoint, string measure, string type, object figure) => figure is int count
        ? new Row(timePoint, measure, type, "report", Value: count)
        : new Row(timePoint, measure, type, "report", Status: Suppressed);

    private static Row Figure(string timePoint, string measure, string type, object figure) => figure switch
    {
        Share s => new Row(timePoint, measure, type, "report", s.N, s.Count, s.Value, null, s.Ci95?[0], s.Ci95?[1]),
        Statistics s => new Row(timePoint, measure, type, "report", s.N, null, s.Mean, s.Sd, s.Ci95?[0], s.Ci95?[1], s.Median, s.Q1, s.Q3),
        _ => new Row(timePoint, measure, type, "report", Status: Suppressed),
    };

    private static Row Published(Benchmark b) => new(b.TimePoint, b.Measure, b.ProcedureType, b.StudyId, b.N ?? b.Denominator, b.Numerator,
        b.Value, b.Sd, b.Ci95?[0] ?? b.Low, b.Ci95?[1] ?? b.High, Overlaps: b.Overlaps, Status: "published");
}
