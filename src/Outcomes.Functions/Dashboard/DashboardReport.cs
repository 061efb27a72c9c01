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

    /// <summary>Why the dashboard is not shown: the HTTP status, a title and a detail.</summary>
    public sealed record Refusal(int Status, string Title, string Detail);

    public static async Task<(DashboardModel? Model, Refusal? Why)> BuildAsync(Caller caller, OutcomeReportFilter filter, string? clinicId, bool bySession,
        IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, DateTimeOffset now, CancellationToken ct)
    {
        string scope;
        IReadOnlyList<string> reportClinics;
        Suppression? suppression = null;
        var analyst = false;
        switch (caller)
        {
            case Caller.Clinic own when clinicId is null || own.Owns(clinicId):
                if (await clinics.FindAsync(own.ClinicId, ct) is not { } clinic)
                    return (null, new Refusal(StatusCodes.Status403Forbidden, "No such clinic", "Your sign-in names a clinic that is not registered in Outcomes."));
                (scope, reportClinics) = (clinic.Name, [own.ClinicId]);
                break;
            case Caller.Clinic:
                return (null, new Refusal(StatusCodes.Status403Forbidden, "Not your clinic", "A clinic sees its own clinic's dashboard only: leave out clinicId, or give your own."));
            case Caller.Analyst:
                analyst = true;
                suppression = Suppression.CrossClinic;
                if (clinicId is null)
                    (scope, reportClinics) = (AllClinics, await clinics.AllIdsAsync(ct));
                else if (await clinics.FindAsync(clinicId, ct) is { } chosen)
                    (scope, reportClinics) = (chosen.Name, [clinicId]);
                else
                    return (null, new Refusal(StatusCodes.Status404NotFound, "No such clinic", $"There is no clinic '{clinicId}'."));
                break;
            default:
                return (null, new Refusal(StatusCodes.Status403Forbidden, "Not for this key", "The dashboard is for clinic and analyst keys; the admin key does not open it."));
        }

        var funnelClinics = analyst && clinicId is not null ? await clinics.AllIdsAsync(ct) : reportClinics;
        var cells = (await tallies.ReadAsync(funnelClinics, filter.FromMonth, filter.ToMonth, ct))
            .Select(c => new CellTallies(c.ClinicId, c.Cell, c.Cohort, c.TimePoints)).ToList();
        var inReport = reportClinics.ToHashSet(StringComparer.Ordinal);
        var report = OutcomeReportBuilder.Build(cells.Where(c => inReport.Contains(c.ClinicId)), filter, DateOnly.FromDateTime(now.UtcDateTime), catalog, suppression);
        FunnelView? funnel = null;
        if (analyst)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in cells.Select(c => c.ClinicId).Distinct(StringComparer.Ordinal))
                names[id] = (await clinics.FindAsync(id, ct))?.Name ?? id;
            funnel = DashboardMapping.Funnel(cells, filter, id => names.GetValueOrDefault(id, id), suppression: Suppression.CrossClinic);
        }
        return (DashboardMapping.From(report, scope, now, funnel, bySession ? DashboardReplies.SignOutPath : null), null);
    }
}
