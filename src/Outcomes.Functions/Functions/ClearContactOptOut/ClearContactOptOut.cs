using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// DELETE /api/procedures/{procedureId}/contact/opt-out (clinic): the patient has consented to surveys again, so the
/// opt-out remembered for this procedure's e-mail address and phone is cleared (audited with the clinic key that did it).
/// Procedures registered from then on are surveyed; follow-ups the opt-out cancelled stay cancelled.
/// </summary>
public static class ClearContactOptOut
{
    public const string Route = "/api/procedures/{procedureId}/contact/opt-out";

    public static void Map(IEndpointRouteBuilder app) => app.MapDelete(Route, Handle).WithName(nameof(ClearContactOptOut))
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, IProcedureStore procedures, SurveyOptOuts optOuts, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return Problems.NotFound("procedure", procedureId);
        await optOuts.OptInAsync(record.Procedure.Registration.Contact.Channels, [procedureId], caller.Actor, ct);
        return TypedResults.NoContent();
    }
}
