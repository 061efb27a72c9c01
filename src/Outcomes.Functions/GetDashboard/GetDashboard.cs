using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.Benchmarks;
using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard (clinic or analyst): the outcome report as a server-rendered page with inline SVG charts, with
/// the report's filters. The way in is a bearer key, App Service built-in authentication, or the sign-in cookie
/// (<see cref="DashboardAccess"/>); without one a browser is sent to the sign-in form (303) and an API client gets a 401.
/// </summary>
public static class GetDashboard
{
    public const string Route = DashboardReplies.DashboardPath;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetDashboard))
        .WithDescription("The outcome dashboard as HTML. A browser signs in at /api/dashboard/sign-in (or through App Service authentication); API clients send Authorization: Bearer.")
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status303SeeOther)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<IResult> Handle(
        [Description("vertebroplasty or kyphoplasty")] string? procedureType,
        [Description("osteoporotic, malignant, traumatic or other")] string? etiology,
        [FromQuery(Name = "from"), Description("First procedure date, yyyy-MM-dd or yyyy-MM")] string? fromDate,
        [FromQuery(Name = "to"), Description("Last procedure date, yyyy-MM-dd or yyyy-MM")] string? toDate,
        [Description("Analysts: one clinic (else all). A clinic may give only its own.")] string? clinicId,
        HttpContext http, CallerResolver callers, IConfiguration configuration, ContactCipher cipher,
        IOutcomeTallies tallies, IClinicStore clinics, BenchmarkCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var html = DashboardAccess.WantsHtml(http.Request);
        var entry = await DashboardAccess.ResolveAsync(http.Request, callers, configuration, cipher, now, ct);
        if (entry is DashboardEntry.None { StaleSession: true })
            DashboardSession.SignOut(http);
        switch (entry)
        {
            case DashboardEntry.None when html:
                return DashboardReplies.SeeOther(DashboardReplies.SignInPath);
            case DashboardEntry.None:
                return Problems.Unauthenticated("The dashboard needs 'Authorization: Bearer <key>', or a browser signed in at /api/dashboard/sign-in.", keyPresented: false);
            case DashboardEntry.BadKey:
                return Problems.Unauthenticated("The key presented is not valid: it is unknown or has been revoked.", keyPresented: true);
            case DashboardEntry.NoAccess no:
                return Refuse(html, new(StatusCodes.Status403Forbidden, "No access to Outcomes",
                    $"You are signed in{(no.Name is { } name ? $" as {name}" : "")}, but your account has neither the Outcomes.Analyst role nor a clinic. Ask your administrator."), signIn: true);
        }

        var caller = ((DashboardEntry.SignedIn)entry).Caller;
        var (filter, why) = OutcomeReportQuery.Read(procedureType, etiology, fromDate, toDate);
        if (filter is null)
            return html ? DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message(why!.Title, why.Detail, signInLink: false)) : Problems.InvalidInput(why!);
        var (model, refusal) = await DashboardReport.BuildAsync(caller, filter, clinicId, ((DashboardEntry.SignedIn)entry).BySession,
            tallies, clinics, catalog, now, ct);
        return model is null ? Refuse(html, refusal!, signIn: true) : DashboardReplies.Html(StatusCodes.Status200OK, DashboardPage.Render(model));
    }

    private static IResult Refuse(bool html, ReportScope.Refusal why, bool signIn) => html
        ? DashboardReplies.Html(why.Status, DashboardReplies.Message(why.Title, why.Detail, signIn))
        : why.Status == StatusCodes.Status404NotFound ? Problems.NotFound("clinic", why.Detail) : Problems.Forbidden(why.Detail);
}
