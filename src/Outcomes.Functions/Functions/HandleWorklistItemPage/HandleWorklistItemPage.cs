using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Staff;

namespace Outcomes.Functions;

/// <summary>POST /api/dashboard/worklist/{itemId}/handled (clinic, signed in): the worklist page's "Mark handled" button; back to the worklist (303).</summary>
public static class HandleWorklistItemPage
{
    public const string Route = StaffPages.WorklistPath + "/{itemId}/handled";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(HandleWorklistItemPage)).RequireSameOrigin()
        .WithDescription("The worklist page's form: marks the item handled and returns to the worklist.").Produces(StatusCodes.Status303SeeOther);

    internal static async Task<IResult> Handle(string itemId, Caller.Clinic caller, ClinicWorklist worklist, Outcomes.Storage.IClinicStore clinics, TimeProvider clock, CancellationToken ct) =>
        await worklist.MarkHandledAsync(caller, itemId, await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), clock.GetUtcNow(), ct) is null
            ? DashboardReplies.Html(StatusCodes.Status404NotFound, DashboardReplies.Message("No such worklist item", "It is not on this clinic's worklist. Go back to the worklist and choose again.", signInLink: false))
            : DashboardReplies.SeeOther(StaffPages.WorklistPath);
}
