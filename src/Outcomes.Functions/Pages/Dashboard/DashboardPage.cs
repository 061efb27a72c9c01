using System.Text;
using static Outcomes.Functions.Dashboard.DashboardCells;
using static Outcomes.Functions.Dashboard.SvgFormat;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard as one self-contained HTML document: inline styles and inline SVG, no script, nothing fetched from
/// elsewhere (clinics' networks are closed). Every chart has a title and description and a data table under it with the
/// same figures; the layout reflows from a tablet's portrait width to a laptop's, and prints (print rules hide the
/// navigation and keep each chart with its table). Well-formed XML after the doctype, so tests can parse it.
/// </summary>
internal static class DashboardPage
{
    public static readonly IReadOnlyList<(string Code, string Label)> TimePoints =
        [("baseline", "Baseline"), ("1w", "1 week"), ("1m", "1 month"), ("3m", "3 months"), ("6m", "6 months"), ("12m", "12 months")];

    public static string LabelOf(string code) => TimePoints.FirstOrDefault(t => t.Code == code).Label ?? code;

    public static string Render(DashboardModel m)
    {
        MissingReadsAs(m.SuppressionMinimum is null ? "no data yet" : "suppressed");
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="referrer" content="no-referrer" />
            <meta name="robots" content="noindex" />
            <title>{Text($"Outcomes dashboard: {m.Scope}")}</title>
            <style>{DashboardStyles.Css}</style>
            </head>
            <body>
            <header>
            <div class="wrap">
            <h1>Outcomes: {Text(m.Scope)}</h1>
            <p class="meta">{Text(m.Filters.Count > 0 ? string.Join(" · ", m.Filters) : "All procedures")} · {Text($"generated {m.GeneratedAt}")}{(m.SuppressionMinimum is { } min ? Text($" · figures from fewer than {min} patients, or that a narrower view would reveal by subtraction, are suppressed; dates are whole years") : "")}</p>
            {(m.SignOutPath is { } signOut ? $"""<form class="sign-out" method="post" action="{Text(signOut)}"><button type="submit">Sign out</button></form>""" : "")}
            <nav aria-label="Sections"><a href="#pain">Pain</a> <a href="#response">Response rates</a> <a href="#medication">Medication</a> <a href="#cohort">Cohort and safety</a> <a href="#benchmarks">Published studies</a>{(m.Funnel is null ? "" : " <a href=\"#funnel\">Clinics compared</a>")}</nav>
            {(m.SuppressionMinimum is null ? $"""<nav aria-label="Clinic work"><a href="{Staff.StaffPages.WorklistPath}">Worklist</a> <a href="{Staff.StaffPages.ProceduresPath}">Find a patient</a> <a href="{Staff.RegistrationFormHtml.Path}">Register a procedure</a></nav>""" : "")}
            </div>
            </header>
            <main class="wrap">

            """);
        html.Append(PainSection(m)).Append(ResponseSection(m)).Append(MedicationSection(m)).Append(CohortSection(m)).Append(BenchmarkSection(m));
        if (m.Funnel is { } funnel)
            html.Append(FunnelSection(funnel));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string PainSection(DashboardModel m)
    {
        var painBenchmarks = m.Benchmarks.Where(b => b.Measure is "pain_mean" or "pain_mean_range" && (b.Value is not null || b.Low is not null)).ToList();
        var pain = new LineChartSvg("chart-pain", "Pain over time", $"Mean pain (0–10) of {m.Scope}'s patients at each time point with 95% confidence intervals, beside published studies' figures: {Describe(painBenchmarks)}.")
        {
            Categories = TimePoints,
            SeriesName = m.Scope,
            YLabel = "Pain (0–10)",
            Series = m.TimePoints.Where(t => t.Pain is not null).Select(t => new SeriesPoint(t.Code, t.Pain!.Mean, t.Pain.CiLow, t.Pain.CiHigh)).ToList(),
            Markers = painBenchmarks.Select(b => new MarkerPoint(b.TimePoint, b.StudyId, b.Value, b.Low, b.High, ArmText(b.Arm))).ToList(),
        }.Render();
        var changeBenchmarks = m.Benchmarks.Where(b => b.Measure == "pain_change" && b.Value is not null).ToList();
        var change = new LineChartSvg("chart-change", "Change in pain from baseline", $"Mean change in pain from baseline (negative is less pain) with 95% confidence intervals, beside published studies: {Describe(changeBenchmarks)}.")
        {
            Categories = TimePoints.Skip(1).ToList(),
            SeriesName = m.Scope,
            YLabel = "Change from baseline",
            YMin = -8,
            YMax = 0,
            Series = m.TimePoints.Where(t => t.Change is not null).Select(t => new SeriesPoint(t.Code, t.Change!.Mean, t.Change.CiLow, t.Change.CiHigh)).ToList(),
            Markers = changeBenchmarks.Select(b => new MarkerPoint(b.TimePoint, b.StudyId, b.Value, b.Low, b.High, ArmText(b.Arm))).ToList(),
        }.Render();
        var inWords = m.Benchmarks.Where(b => b.Measure.StartsWith("pain", StringComparison.Ordinal) && b.Value is null && b.Low is null && b.Note is not null)
            .GroupBy(b => (b.StudyId, b.Arm)).Select(g => $"<li><a href=\"#study-{Text(g.Key.StudyId)}\">{Text(g.Key.StudyId)}</a> ({Text(ArmText(g.Key.Arm))}): {Text(string.Join("; ", g.Select(b => $"{LabelOf(b.TimePoint)}: {b.Note}").Distinct()))}</li>").ToList();

        // Two tables of a few columns each, rather than one of ten: each fits a tablet's width without hiding a column.
        var rows = m.TimePoints.Select(t => Row(LabelOf(t.Code), t.Suppressed,
            Count(t.Pain?.N), Mean(t.Pain?.Mean), Mean(t.Pain?.Sd), Ci(t.Pain?.CiLow, t.Pain?.CiHigh),
            t.Pain is { Median: { } md } p ? $"{Figure(md)} ({Figure(p.Q1 ?? md)}–{Figure(p.Q3 ?? md)})" : Dash(t.Suppressed)));
        var changeRows = m.TimePoints.Where(t => t.Code != "baseline").Select(t => Row(LabelOf(t.Code), t.Suppressed,
            Mean(t.Change?.Mean, t.Suppressed), Ci(t.Change?.CiLow, t.Change?.CiHigh, t.Suppressed), Share(t.ImprovedTwoPoints, t.Suppressed), Share(t.ImprovedThirtyPercent, t.Suppressed)));
        return Section("pain", "Pain trajectory",
            ChartFigure(pain, "Mean pain (0–10) with 95% CI; published studies' figures as markers, one shape per study and arm, named in the legend.")
            + ChartFigure(change, "Mean change in pain from baseline with 95% CI (negative = less pain), beside published studies.")
            + (inWords.Count > 0 ? $"<p>Studies that report these results in words only:</p>\n<ul class=\"notes\">{string.Join("", inWords)}</ul>\n" : "")
            + Table("Pain by time point", ["Time point", "Answers (n)", "Mean", "SD", "95% CI", "Median (IQR)"], rows)
            + Table("Change in pain from baseline", ["Time point", "Change from baseline", "95% CI of change", "Improved ≥ 2 points", "Improved ≥ 30% (of baselines above 0)"], changeRows));
    }

    private static string ResponseSection(DashboardModel m)
    {
        var due = m.TimePoints.Where(t => t.Code != "baseline").ToList();
        var chart = new BarChartSvg("chart-response", "Response rates", "Share of due surveys answered at each follow-up time point, with 95% Wilson intervals. A clinic that surveys only some patients cannot be compared fairly.")
        {
            Categories = TimePoints.Skip(1).ToList(),
            Series = ["Answered"],
            YLabel = "Surveys answered",
            Values = due.Select(t => Bar(t.Code, "Answered", t.ResponseRate, t.Suppressed)).ToList(),
        }.Render();
        var rows = due.Select(t => Row(LabelOf(t.Code), t.Suppressed, Count(t.Due), Count(t.Answered), Share(t.ResponseRate, t.Suppressed), Ci(t.ResponseRate, t.Suppressed)));
        return Section("response", "Response rates", ChartFigure(chart, "Surveys answered of those due, with 95% intervals.")
            + Table("Response rate by time point", ["Time point", "Follow-ups due", "Answered", "Response rate (of due)", "95% CI"], rows));
    }

    private static string MedicationSection(DashboardModel m)
    {
        var chart = new BarChartSvg("chart-medication", "Pain medication over time", "Share of answering patients using any pain medication and using an opioid, at baseline and each time point, with 95% Wilson intervals.")
        {
            Categories = TimePoints,
            Series = ["Any pain medication", "Opioid"],
            YLabel = "Patients using",
            Values = m.TimePoints.SelectMany(t => new[] { Bar(t.Code, "Any pain medication", t.AnyMedication, t.Suppressed), Bar(t.Code, "Opioid", t.Opioid, t.Suppressed) }).ToList(),
        }.Render();
        var rows = m.TimePoints.Select(t => Row(LabelOf(t.Code), t.Suppressed, Share(t.AnyMedication, t.Suppressed), Ci(t.AnyMedication, t.Suppressed), Share(t.Opioid, t.Suppressed), Ci(t.Opioid, t.Suppressed)));
        return Section("medication", "Pain medication over time", ChartFigure(chart, "Patients using any pain medication and opioids, with 95% intervals.")
            + Table("Medication use by time point", ["Time point", "Any pain medication (of answers)", "95% CI", "Opioid (of answers)", "95% CI"], rows));
    }

    private static string CohortSection(DashboardModel m)
    {
        var c = m.Cohort;
        var studies = m.Benchmarks.Where(b => b.Measure is "mortality_30d" or "new_fracture_patients" && b.Denominator is > 0).ToList();
        var arms = studies.Select(b => (b.StudyId, b.Arm)).Distinct().ToList();
        var categories = new List<(string, string)> { ("cohort", m.Scope) };
        categories.AddRange(arms.Select(a => (ArmKey(a.StudyId, a.Arm), $"{a.StudyId}, {ArmText(a.Arm)}")));
        var values = new List<BarValue> { Bar("cohort", "30-day mortality", c.Mortality30Days, false), Bar("cohort", "Patients with a new fracture", c.NewFractureShare, false) };
        foreach (var b in studies)
        {
            var share = (double)b.Numerator!.Value / b.Denominator!.Value;
            var ci = Wilson(b.Numerator.Value, b.Denominator.Value);
            values.Add(new BarValue(ArmKey(b.StudyId, b.Arm), b.Measure == "mortality_30d" ? "30-day mortality" : "Patients with a new fracture", share, ci.Low, ci.High));
        }
        var chart = new BarChartSvg("chart-safety", "Safety beside published studies", $"30-day mortality and share of patients with a new vertebral fracture during follow-up for {m.Scope} and for the published studies ({string.Join(", ", arms.Select(a => $"{a.StudyId}, {ArmText(a.Arm)}"))}), with 95% Wilson intervals.")
        {
            Categories = categories,
            Series = ["30-day mortality", "Patients with a new fracture"],
            XLabel = "Cohort",
            Values = values,
        }.Render();
        var figures = $"""
            <dl class="figures">
            <div><dt>Patients</dt><dd>{Count(c.Patients)}</dd></div>
            <div><dt>Procedures</dt><dd>{Count(c.Procedures)}</dd></div>
            <div><dt>Vertebrae treated</dt><dd>{Count(c.Vertebrae)}</dd></div>
            <div><dt>30-day mortality</dt><dd>{FractionText(c.Mortality30Days)}</dd></div>
            <div><dt>Patients with a new fracture</dt><dd>{(c.PatientsWithNewFracture is { } p ? $"{p}{(c.NewFractures is { } f ? $" ({f} fractures)" : "")}" : Missing)}</dd></div>
            <div><dt>Patients reporting a new fracture</dt><dd>{Count(c.ReportedByPatient)} (unsure: {Count(c.UnsureByPatient)})</dd></div>
            </dl>

            """;
        var rows = new List<string> { Row(m.Scope, false, FractionText(c.Mortality30Days), Ci(c.Mortality30Days, false), FractionText(c.NewFractureShare), Ci(c.NewFractureShare, false)) };
        rows.AddRange(studies.GroupBy(s => (s.StudyId, s.Arm)).Select(g =>
        {
            string Of(string measure) => g.FirstOrDefault(b => b.Measure == measure) is { Numerator: { } k, Denominator: { } n } ? $"{k}/{n} ({Percent((double)k / n, 1)})" : "–";
            string CiOf(string measure) => g.FirstOrDefault(b => b.Measure == measure) is { Numerator: { } k, Denominator: { } n } ? CiText(Wilson(k, n)) : "–";
            return Row($"<a href=\"#study-{Text(g.Key.StudyId)}\">{Text(g.Key.StudyId)}</a>, {Text(ArmText(g.Key.Arm))}", false, Of("mortality_30d"), CiOf("mortality_30d"), Of("new_fracture_patients"), CiOf("new_fracture_patients"), encodedFirst: true);
        }));
        return Section("cohort", "Cohort and safety", figures + ChartFigure(chart, "30-day mortality and new vertebral fractures, beside the published studies, with 95% intervals.")
            + Table("Safety beside published studies", ["Cohort", "30-day mortality (of procedures)", "95% CI", "Patients with a new fracture (of patients)", "95% CI"], rows));
    }

    private static string BenchmarkSection(DashboardModel m)
    {
        var rows = m.Benchmarks.OrderBy(b => b.StudyId, StringComparer.Ordinal).ThenBy(b => TimePoints.Select(t => t.Code).ToList().IndexOf(b.TimePoint)).Select(b => Row(
            $"<a href=\"#study-{Text(b.StudyId)}\">{Text(b.StudyId)}</a>", false, ArmText(b.Arm), LabelOf(b.TimePoint), MeasureName(b.Measure),
            b.Value is { } v ? Figure(v) : b.Low is { } l ? $"{Figure(l)}–{Figure(b.High ?? l)}" : b.Numerator is { } k ? $"{k}/{b.Denominator}" : b.Note ?? "–",
            b.N is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : b.Denominator?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–",
            b.Overlaps switch { true => "yes", false => "no", null => "–" }, encodedFirst: true));
        var citations = string.Join("\n", m.Studies.Select(s =>
            $"""<li id="study-{Text(s.Id)}"><span class="study-id">{Text(s.Id)}</span> {Text(s.Citation)}{(s.Url is { } url ? $" <a class=\"source\" href=\"{Text(url)}\" rel=\"noreferrer\">{Text(url)}</a>" : "")}</li>"""));
        return Section("benchmarks", "Published studies",
            "<p>Figures read from the studies' published abstracts, each with its citation. Where the clinic's 95% interval is known, the last column says whether it overlaps the study's figure.</p>\n"
            + Table("Published benchmarks", ["Study", "Arm", "Time point", "Measure", "Value", "n", "Clinic's interval overlaps"], rows)
            + $"<h3>Citations</h3>\n<ol class=\"citations\">\n{citations}\n</ol>\n");
    }

    private static string FunnelSection(FunnelView f)
    {
        var label = f.CaseMixAdjusted ? "case-mix adjusted mean change in pain" : "mean change in pain";
        var outliers = f.Clinics.Where(c => c.Outside95).Select(c => c.Label).ToList();
        var chart = new FunnelPlotSvg("chart-funnel", $"Clinics compared at {LabelOf(f.TimePoint)}",
            $"Funnel plot: each clinic's {label} from baseline at {LabelOf(f.TimePoint)} against its number of patients, around the pooled mean {Figure(f.PooledMean, 2)}, with 95% and 99.8% control limits. {(outliers.Count == 0 ? "No clinic lies outside the 95% limits." : $"Outside the 95% limits: {string.Join(", ", outliers)}.")}", f).Render();
        var rows = f.Clinics.Select(c => Row(c.Label, false, Count(c.N), Mean(c.Observed, decimals: 2), Mean(c.Expected, decimals: 2), Figure(c.Value, 2),
            c.ResponseRate is { } r ? $"{Percent(r.Share)} ({r.Count}/{r.N})" : "–",
            c.Outside998 ? "outside 99.8%" : c.Outside95 ? "outside 95%" : "within"));
        return Section("funnel", "Clinics compared (analysts)",
            $"<p>Each clinic's {Text(label)} at {Text(LabelOf(f.TimePoint))}. {(f.CaseMixAdjusted ? "Adjusted by indirect standardisation: the expected change is what the pooled cohort achieved with patients of the same procedure type, etiology and baseline pain band (0–3, 4–6, 7–10); the adjusted change is the pooled mean plus observed minus expected." : "Not adjusted for case mix.")} A point outside the 99.8% limits is unlikely to be chance; read it beside the clinic's response rate, since a clinic that surveys only its good outcomes would look better than it is.</p>\n"
            + ChartFigure(chart, "Funnel plot with 95% (dashed) and 99.8% (solid) control limits around the pooled mean.")
            + Table("Clinics on the funnel plot", ["Clinic", "n", "Observed change", "Expected change", f.CaseMixAdjusted ? "Adjusted change" : "Change", "Response rate", "Against the limits"], rows));
    }

    /// <summary>A measure of the benchmark catalog as words; a code the page does not know reads with spaces for underscores.</summary>
    public static string MeasureName(string measure) => measure switch
    {
        "pain_mean" => "Mean pain (0–10)",
        "pain_mean_range" => "Range of mean pain (0–10)",
        "pain_change" => "Change in pain from baseline (0–10)",
        "responders_30pct" => "Patients improved ≥ 30% (%)",
        "nrs_below_4" => "Patients with pain below 4 of 10 (%)",
        "new_fracture_patients" => "Patients with a new fracture",
        "new_fracture_percent" => "Patients with a new fracture (%)",
        "mortality_30d" => "30-day mortality",
        "sf36_pcs_change" => "SF-36 physical component change",
        "" => measure,
        _ => char.ToUpperInvariant(measure[0]) + measure[1..].Replace('_', ' '),
    };

    /// <summary>Which arm of a study a figure comes from, in words.</summary>
    public static string ArmText(string? arm) => arm switch
    {
        null => "arm not given",
        "both" => "both procedures",
        _ => arm,
    };

    private static string ArmKey(string studyId, string? arm) => $"{studyId}/{arm}";

    private static string Describe(IReadOnlyList<BenchmarkPoint> points) => points.Count == 0 ? "none for this selection"
        : string.Join("; ", points.Select(b => $"{b.StudyId} ({ArmText(b.Arm)}) at {LabelOf(b.TimePoint)}: {(b.Value is { } v ? Figure(v) : $"{Figure(b.Low ?? 0)}–{Figure(b.High ?? 0)}")}"));

    /// <summary>The 95% Wilson interval of k of n, for the studies' counts.</summary>
    private static (double Low, double High) Wilson(int k, int n) =>
        Outcomes.Domain.Reports.Statistics.Proportion.Of(k, n).Ci95 is { } ci ? (ci.Low, ci.High) : (0, 0);
}
