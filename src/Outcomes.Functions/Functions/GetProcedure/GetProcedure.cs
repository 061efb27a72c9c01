using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>GET /api/procedures/{procedureId} (clinic): the procedure and where each follow-up stands. Another clinic's procedure is a 404.</summary>
public static class GetProcedure
{
    public const string Route = "/api/procedures/{procedureId}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetProcedure))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, IProcedureStore procedures, CancellationToken ct) =>
        await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is { } record
            ? TypedResults.Ok(ProcedureView.Of(record))
            : Problems.NotFound("procedure", procedureId);
}
