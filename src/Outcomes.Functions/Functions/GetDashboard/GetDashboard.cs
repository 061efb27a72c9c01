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

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetDashboard))
        .WithDescription("The outcome dashboard as HTML. A browser signs in at /api/dashboard/sign-in (or through App Service authentication); API clients send Authorization: Bearer.")
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status303SeeOther)
        .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<IResult> Handle(
        [Description("vertebroplasty or kyphoplasty")] string? procedureType,
        [Description("osteoporotic, malignant, traumatic or other")] string? etiology,
        [FromQuery(Name = "from"), Description("First procedure date, yyyy-MM-dd or yyyy-MM")] string? fromDate,
        [FromQuery(Name = "to"), Description("Last procedure date, yyyy-MM-dd or yyyy-MM")] string? toDate,
        [Description("Analysts: one clinic (else all). A clinic may give only its own.")] string? clinicId,
        Caller caller, HttpContext http, IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var html = DashboardReplies.WantsHtml(http.Request);
        var (filter, why) = OutcomeReportQuery.Read(procedureType, etiology, fromDate, toDate);
        if (filter is null)
            return html ? DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message(why!.Title, why.Detail, signInLink: false)) : Problems.InvalidInput(why!);
        var bySession = http.User.Identity?.AuthenticationType == DashboardCookie.Scheme;
        var (model, refusal) = await DashboardReport.BuildAsync(caller, filter, clinicId, bySession, tallies, clinics, catalog, clock.GetUtcNow(), ct);
        if (model is not null)
            return DashboardReplies.Html(StatusCodes.Status200OK, DashboardPage.Render(model));
        return html
            ? DashboardReplies.Html(refusal!.Status, DashboardReplies.Message(refusal.Title, refusal.Detail))
            : Problems.Refused(refusal!.Status, new Rejection(refusal.Status == StatusCodes.Status404NotFound ? "not-found" : "forbidden", refusal.Title, refusal.Detail));
    }
}
