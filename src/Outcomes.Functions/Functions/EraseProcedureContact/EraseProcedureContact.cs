using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>DELETE /api/procedures/{procedureId}/contact (clinic): erases the patient's e-mail and phone on request; no more surveys can reach them.</summary>
public static class EraseProcedureContact
{
    public const string Route = "/api/procedures/{procedureId}/contact";

    public static void Map(IEndpointRouteBuilder app) => app.MapDelete(Route, Handle).WithName(nameof(EraseProcedureContact))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, IProcedureStore procedures, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct, withContact: false) is null)
            return Problems.NotFound("procedure", procedureId);
        if (await procedures.EraseContactAsync(procedureId, ct))
            await audit.AppendAsync(new AuditEntry(AuditSubjects.Procedure(procedureId), clock.GetUtcNow(), caller.Actor, "contact-erased",
                new Dictionary<string, string?> { ["contact"] = "erased" }), ct);
        return TypedResults.NoContent();
    }
}
