using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Reports.Statistics;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/reports/outcomes (clinic or analyst): the outcome report beside the published benchmarks, summed from the
/// tallies (its cost does not grow with the answers stored). A clinic key sees its own clinic, unsuppressed; another
/// clinicId is 403. An analyst sees one clinic (clinicId) or all of them, always under small-cell suppression.
/// JSON by default; <c>Accept: text/csv</c> gives the same figures as CSV.
/// </summary>
public static class GetOutcomeReport
{
    public const string Route = "/api/reports/outcomes";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetOutcomeReport)).AddOpenApiOperationTransformer(OutcomeReportQuery.Describe)
        .WithDescription("The outcome report as JSON; with Accept: text/csv the same figures as CSV, one row per time point and measure.")
        .AddOpenApiOperationTransformer(CsvNegotiation.DescribeCsv)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<OutcomeReportView.Report>, ContentHttpResult, ProblemHttpResult>> Handle(
        [AsParameters] OutcomeReportQuery query,
        Caller caller, HttpContext http, IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, OutcomesMetrics metrics,
        TimeProvider clock, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var (filter, why) = query.ToFilter();
        if (filter is null)
            return Problems.InvalidInputs(why);
        var (scope, refused) = await ReportScope.ForAsync(caller, query.ClinicId, clinics, ct);
        if (scope is null)
            return TypedResults.Problem(statusCode: refused!.Status, title: refused.Title, detail: refused.Detail,
                type: refused.Status == StatusCodes.Status404NotFound ? "urn:outcomes:problem:not-found" : "urn:outcomes:problem:forbidden");

        filter = scope.Widen(filter);
        var cells = await tallies.ReadAsync(scope.ClinicIds, filter.FromMonth, filter.ToMonth, ct);
        var report = OutcomeReportBuilder.Build(cells, filter, ReportScope.DatesOf(scope.Clinics, clock.GetUtcNow()), catalog, scope.Suppression);
        var view = OutcomeReportView.Of(report, scope.OneClinic?.ClinicId);
        http.Response.Headers.Vary = HeaderNames.Accept;
        if (!CsvNegotiation.WantsCsv(http.Request))
        {
            metrics.ReportBuilt(clock.GetElapsedTime(started), "json");
            return TypedResults.Ok(view);
        }
        http.Response.Headers.ContentDisposition = "attachment; filename=outcomes-report.csv";
        var csv = OutcomeReportCsv.Write(view);
        metrics.ReportBuilt(clock.GetElapsedTime(started), "csv");
        return TypedResults.Text(csv, "text/csv", Encoding.UTF8);
    }
}
