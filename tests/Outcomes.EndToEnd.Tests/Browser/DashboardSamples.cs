using Outcomes.Functions.Dashboard;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// Dashboards rendered from chosen models, for what the local host's few test clinics never show: an analyst's funnel
/// plot of many clinics with long names and points lying close together, every published figure of both arms on the
/// charts at once, and the widest numbers in every table.
/// </summary>
internal static class DashboardSamples
{
    private static ShareFigure Share(int k, int n) => new(k, n, (double)k / n, Math.Max(0, (double)k / n - 0.12), Math.Min(1, (double)k / n + 0.12));

    private static readonly string[] ClinicNames =
    [
        "Spine Centre North", "Hôpital Universitaire de la Région Métropolitaine Sud", "St. Mary's Interventional Radiology",
        "Clínica Vertebral del Mediterráneo", "East Valley Pain & Spine", "West Coast Neuro-Interventional Unit",
        "Klinikum Nord Wirbelsäulenzentrum", "Royal Infirmary Radiology", "Sunrise Orthopaedics", "Lakeside Spine Institute",
        "Mountain View Vertebral Augmentation Service", "Harbour City Hospital", "Central Teaching Hospital",
        "Riverside Day Surgery",
    ];

    public static DashboardModel AnalystModel() => new(
        DashboardReport.AllClinics, ["Procedure: vertebroplasty and kyphoplasty"], "2026-12-02 10:00 UTC",
        new CohortFigures(1234, 1302, 1777, Share(12, 1302), 96, 118, Share(96, 1234), 41, 12),
        [
            new("baseline", null, null, null, new MeanFigure(1302, 7.8, 1.2, 7.7, 7.9, 8, 7, 9), null, null, null, Share(1100, 1302), Share(700, 1302)),
            new("1w", 1290, 1012, Share(1012, 1290), new MeanFigure(1012, 4.1, 1.5, 4.0, 4.2, 4, 3, 5), new MeanFigure(1012, -3.7, 1.4, -3.8, -3.6), Share(800, 1012), Share(766, 1000), Share(900, 1012), Share(455, 1012)),
            new("1m", 1200, 960, Share(960, 1200), new MeanFigure(960, 3.6, 1.9, 3.5, 3.7, 3, 2, 5), new MeanFigure(960, -4.2, 2.0, -4.3, -4.1), Share(780, 960), Share(720, 950), Share(700, 960), Share(300, 960)),
            new("3m", 1100, 880, Share(880, 1100), new MeanFigure(880, 3.1, 2.1, 3.0, 3.2, 3, 2, 4), new MeanFigure(880, -4.7, 2.2, -4.8, -4.6), Share(720, 880), Share(690, 870), Share(540, 880), Share(200, 880)),
            new("6m", 900, 700, Share(700, 900), null, null, null, null, null, null, Suppressed: true),
            new("12m", 600, 420, Share(420, 600), new MeanFigure(420, 2.9, 2.2, 2.7, 3.1, 3, 1, 4), new MeanFigure(420, -4.9, 2.3, -5.1, -4.7), Share(350, 420), Share(330, 415), Share(250, 420), Share(90, 420)),
        ],
        [
            new("tan2015", "1m", "mortality_30d", null, Numerator: 0, Denominator: 62, Arm: "vertebroplasty"),
            new("tan2015", "12m", "new_fracture_patients", null, Numerator: 5, Denominator: 62, Arm: "vertebroplasty"),
            new("tan2015", "1w", "pain_mean", null, Note: "VAS improved vs baseline, P<0.001 (values not in abstract)", Arm: "vertebroplasty"),
            new("voormolen2006", "baseline", "pain_mean", 8.8, N: 112, Overlaps: false, Arm: "vertebroplasty"),
            new("voormolen2006", "3m", "pain_mean_range", null, 2.5, 3.3, Overlaps: true, Arm: "vertebroplasty"),
            new("voormolen2006", "12m", "pain_mean_range", null, 2.5, 3.3, Overlaps: true, Arm: "vertebroplasty"),
            new("vertos5-2023", "baseline", "pain_mean", 7.6, 7.0, 8.2, N: 40, Overlaps: true, Arm: "vertebroplasty"),
            new("vertos5-2023", "12m", "pain_mean", 3.9, 3.1, 4.8, Overlaps: false, Arm: "vertebroplasty"),
            new("evolve2019", "baseline", "pain_mean", 8.7, Overlaps: false, Arm: "kyphoplasty"),
            new("evolve2019", "1w", "pain_change", -5.2, Arm: "kyphoplasty"),
            new("evolve2019", "1m", "pain_change", -5.4, Arm: "kyphoplasty"),
            new("evolve2019", "3m", "pain_change", -6.0, Arm: "kyphoplasty"),
            new("evolve2019", "12m", "pain_change", -6.3, Arm: "kyphoplasty"),
            new("buchbinder2009", "3m", "pain_change", -2.6, Overlaps: false, Arm: "vertebroplasty"),
            new("invest2009", "1m", "responders_30pct", 64, Overlaps: true, Arm: "vertebroplasty"),
            new("free2009", "1m", "sf36_pcs_change", 7.2, 5.7, 8.8, Arm: "kyphoplasty"),
            new("vertos2-2010", "12m", "new_fracture_patients", null, Numerator: 15, Denominator: 91, Arm: "vertebroplasty"),
            new("kaviar2014", "12m", "new_fracture_patients", null, Numerator: 57, Denominator: 131, Arm: "vertebroplasty"),
            new("kaviar2014", "12m", "new_fracture_patients", null, Numerator: 50, Denominator: 140, Arm: "kyphoplasty"),
        ],
        [
            new("tan2015", "Tan H-Y et al. A prospective study of percutaneous vertebroplasty. Pain Res Manag. 2015;20(1):e8-e11.", "https://www.hindawi.com/journals/prm/2015/181487/", "vertebroplasty", 62),
            new("voormolen2006", "Voormolen MHJ et al. Pain response in the first trimester after percutaneous vertebroplasty.", null, "vertebroplasty", 112),
            new("vertos5-2023", "Carli D et al. VERTOS V.", null, "vertebroplasty", 40),
            new("evolve2019", "Beall DP et al. EVOLVE.", null, "kyphoplasty", 354),
            new("buchbinder2009", "Buchbinder R et al. A randomized trial of vertebroplasty.", null, "vertebroplasty", 78),
            new("invest2009", "Kallmes DF et al. INVEST.", null, "vertebroplasty", 131),
            new("free2009", "Wardlaw D et al. FREE.", null, "kyphoplasty", 300),
            new("vertos2-2010", "Klazen CAH et al. VERTOS II.", null, "vertebroplasty", 202),
            new("kaviar2014", "Dohm M et al. KAVIAR.", null, "both", 404),
        ],
        Funnel(),
        SuppressionMinimum: 5,
        SignOutPath: "/api/dashboard/sign-out");

    /// <summary>Fourteen clinics, some with nearly the same n and value (their points overlap), some outside the limits.</summary>
    private static FunnelView Funnel() => new("3m", true, -4.6, 2.2, 1.959964, 3.090232, ClinicNames.Select((name, i) =>
    {
        var n = i < 4 ? 40 + i : 20 + 13 * i;
        var value = i switch { 0 or 1 or 2 => -4.7 + 0.02 * i, 5 => -2.9, 9 => -6.3, _ => -4.6 + 0.15 * Math.Sin(i) };
        var outside95 = i is 5 or 9;
        return new FunnelClinicRow(name, n, value, value + 0.1, -4.5, Share((int)(n * 0.8), n), outside95, i == 5);
    }).ToList());

    public static string AnalystPageWithFunnel() => DashboardPage.Render(AnalystModel());
}
