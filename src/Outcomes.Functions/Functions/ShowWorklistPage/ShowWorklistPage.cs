using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>GET /api/dashboard/worklist (clinic, signed in): the worklist as a page for staff, each item with a "Mark handled" button.</summary>
public static class ShowWorklistPage
{
    public const string Route = StaffPages.WorklistPath;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ShowWorklistPage))
        .WithDescription("The clinic's worklist as HTML, behind the dashboard's sign-in.").Produces(StatusCodes.Status200OK, contentType: "text/html");

    internal static async Task<IResult> Handle(Caller.Clinic caller, IClinicStore clinics, ClinicWorklist worklist, TimeProvider clock, CancellationToken ct)
    {
        var today = await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct);
        return DashboardReplies.Html(StatusCodes.Status200OK, StaffPages.Worklist(today, await worklist.OpenAsync(caller.ClinicId, today, ct)));
    }
}
