using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain;
using Outcomes.Domain.Benchmarks;
using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard (clinic or analyst): the outcome report as a server-rendered page with inline SVG charts, with
/// the report's filters. The way in is a bearer key, App Service built-in authentication, or the sign-in cookie
/// (<see cref="AccessSchemes"/>); without one a browser is sent to the sign-in form (303) and an API client gets a 401.
/// </summary>
public static class GetDashboard
{
    public const string Route = DashboardReplies.DashboardPath;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetDashboard)).AddOpenApiOperationTransformer(OutcomeReportQuery.Describe)
        .WithDescription("The outcome dashboard as HTML. A browser signs in at /api/dashboard/sign-in (or through App Service authentication); API clients send Authorization: Bearer.")
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status303SeeOther)
        .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<IResult> Handle(
        [AsParameters] OutcomeReportQuery query,
        Caller caller, HttpContext http, IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var html = DashboardReplies.WantsHtml(http.Request);
        var (filter, why) = query.ToFilter();
        if (filter is null)
            return html ? DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message(why[0].Title, string.Join(" ", why.Select(w => w.Detail)), signInLink: false)) : Problems.InvalidInputs(why);
        var bySession = http.User.Identity?.AuthenticationType == DashboardCookie.Scheme;
        var (model, refusal) = await DashboardReport.BuildAsync(caller, filter, query.ClinicId, bySession, tallies, clinics, catalog, clock.GetUtcNow(), ct);
        if (model is not null)
            return DashboardReplies.Html(StatusCodes.Status200OK, DashboardPage.Render(model));
        return html
            ? DashboardReplies.Html(refusal!.Status, DashboardReplies.Message(refusal.Title, refusal.Detail))
            : Problems.Refused(refusal!.Status, new Rejection(refusal.Status == StatusCodes.Status404NotFound ? "not-found" : "forbidden", refusal.Title, refusal.Detail));
    }
}
