using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Worklist;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/worklist/{itemId}/handled (clinic): someone at the clinic dealt with the item; it leaves the worklist, and
/// the procedure's audit trail keeps who (the clinic key) and when. Marking it again changes nothing. An item not on the
/// worklist today (and never handled), or of another
/// clinic's procedure is the same 404 as one that does not exist.
/// </summary>
public static class MarkWorklistItemHandled
{
    public const string Route = "/api/worklist/{itemId}/handled";

    public sealed record Handled(string Id, string HandledBy, string HandledAt, bool AlreadyHandled);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(MarkWorklistItemHandled))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<Handled>, ProblemHttpResult>> Handle(
        string itemId, Caller.Clinic caller, ClinicWorklist worklist, Outcomes.Storage.IClinicStore clinics, TimeProvider clock, CancellationToken ct) =>
        await worklist.MarkHandledAsync(caller, itemId, await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), clock.GetUtcNow(), ct) is var (mark, first)
            && WorklistItemId.TryParse(itemId, out var id)
            ? TypedResults.Ok(new Handled(id.Value, mark.By, mark.At.ToString("O", CultureInfo.InvariantCulture), !first))
            : Problems.NotFound("worklist item", itemId);
}
