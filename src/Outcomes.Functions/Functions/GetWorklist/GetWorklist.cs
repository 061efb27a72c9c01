using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/worklist (clinic): what needs a person today, in the clinic's calendar, most pressing first: red flags from
/// answers, open surveys closing soon with their reminders spent (call the patient), surveys missed in the last week.
/// Items someone marked handled are left out.
/// </summary>
public static class GetWorklist
{
    public const string Route = "/api/worklist";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetWorklist));

    internal static async Task<Ok<WorklistView.Worklist>> Handle(
        Caller.Clinic caller, IClinicStore clinics, ClinicWorklist worklist, TimeProvider clock, CancellationToken ct)
    {
        var today = await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct);
        return TypedResults.Ok(WorklistView.Of(today, await worklist.OpenAsync(caller.ClinicId, today, ct)));
    }
}
