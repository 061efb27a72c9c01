using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Worklist;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/worklist/{itemId}/handled (clinic): someone at the clinic dealt with the item; it leaves the worklist, and
/// the procedure's audit trail keeps who (the clinic key) and when. Marking it again changes nothing. An item of another
/// clinic's procedure is the same 404 as one that does not exist.
/// </summary>
public static class MarkWorklistItemHandled
{
    public const string Route = "/api/worklist/{itemId}/handled";

    public sealed record Handled(string Id, string HandledBy, string HandledAt, bool AlreadyHandled);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(MarkWorklistItemHandled))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<Handled>, ProblemHttpResult>> Handle(string itemId, Caller.Clinic caller, IProcedureStore procedures,
        IWorklistStore worklist, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (!WorklistItemId.TryParse(itemId, out var id) || await OwnProcedure.FindAsync(caller, procedures, id.ProcedureId, ct) is null)
            return Problems.NotFound("worklist item", itemId);
        var mark = new HandledMark($"clinic-key:{caller.KeyId}", clock.GetUtcNow());
        var first = await worklist.MarkHandledAsync(caller.ClinicId, id, mark, ct);
        if (first)
            await audit.AppendAsync(new AuditEntry(AuditSubjects.Procedure(id.ProcedureId), mark.At, caller.Actor, "worklist-item-handled",
                new Dictionary<string, string?> { ["item"] = id.Value, ["kind"] = id.Kind.ToWire(), ["timePoint"] = id.TimePoint.Code }), ct);
        var stored = first ? mark : (await worklist.HandledAsync(caller.ClinicId, [id], ct)).GetValueOrDefault(id) ?? mark;
        return TypedResults.Ok(new Handled(id.Value, stored.By, stored.At.ToString("O", CultureInfo.InvariantCulture), !first));
    }
}
