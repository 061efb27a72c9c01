using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>GET /api/procedures/{procedureId}/audit (clinic): every recorded change to the clinic's own procedure, oldest first.</summary>
public static class GetProcedureAudit
{
    public const string Route = "/api/procedures/{procedureId}/audit";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetProcedureAudit))
        .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Entry(string At, string Actor, string ActorId, string Action, IReadOnlyDictionary<string, string?> Changes);

    internal static async Task<Results<Ok<IReadOnlyList<Entry>>, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, IProcedureStore procedures, IAuditTrail audit, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct, withContact: false) is null)
            return Problems.NotFound("procedure", procedureId);
        var entries = await audit.ReadAsync(AuditSubjects.Procedure(procedureId), ct);
        return TypedResults.Ok<IReadOnlyList<Entry>>(entries.Select(e => new Entry(
            e.At.ToString("O", CultureInfo.InvariantCulture), ActorCode(e.Actor.Kind), e.Actor.Id, e.Action, e.Changes)).ToList());
    }

    private static string ActorCode(ActorKind kind) => kind switch
    {
        ActorKind.ClinicKey => "clinic-key",
        ActorKind.PatientLink => "patient-link",
        ActorKind.Admin => "admin",
        _ => "system",
    };
}
