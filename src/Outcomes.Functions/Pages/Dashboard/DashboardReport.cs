using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Storage;

namespace Outcomes.Functions.Dashboard;

/// <summary>
/// The dashboard's model for a caller, summed from the tallies as <c>GET /api/reports/outcomes</c> sums them (same
/// filters, <see cref="OutcomeReportQuery"/>; same rules): a clinic sees its own clinic unsuppressed and never another;
/// an analyst sees one clinic or all under small-cell suppression, and the funnel plot of all clinics, case-mix adjusted,
/// with no clinic on it whose figure rests on fewer than the suppression minimum.
/// </summary>
internal static class DashboardReport
{
    public const string AllClinics = "All clinics";

    public static async Task<(DashboardModel? Model, ReportScope.Refusal? Why)> BuildAsync(Caller caller, OutcomeReportFilter filter, string? clinicId, bool bySession,
        IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, DateTimeOffset now, CancellationToken ct)
    {
        var (found, refused) = await ReportScope.ForAsync(caller, clinicId, clinics, ct);
        if (found is not { } scope)
            return (null, refused);
        var reportClinics = scope.ClinicIds;
        var analyst = scope.Analyst;
        var suppression = scope.Suppression;
        var scopeName = scope.OneClinic?.Name ?? AllClinics;

        filter = scope.Widen(filter);
        var funnelClinics = analyst && clinicId is not null ? await clinics.AllAsync(ct) : scope.Clinics;
        var cells = await tallies.ReadAsync(funnelClinics.Select(c => c.ClinicId).ToList(), filter.FromMonth, filter.ToMonth, ct);
        var inReport = reportClinics.ToHashSet(StringComparer.Ordinal);
        var today = ReportScope.DatesOf(funnelClinics, now);
        var report = OutcomeReportBuilder.Build(cells.Where(c => inReport.Contains(c.ClinicId)), filter, today, catalog, suppression);
        FunnelView? funnel = null;
        if (analyst)
        {
            var names = funnelClinics.ToDictionary(c => c.ClinicId, c => c.Name, StringComparer.Ordinal);
            funnel = DashboardMapping.Funnel(cells, filter, id => names.GetValueOrDefault(id, id), today, suppression: Suppression.CrossClinic);
        }
        return (DashboardMapping.From(report, scopeName, now, funnel, bySession ? DashboardReplies.SignOutPath : null), null);
    }
}
