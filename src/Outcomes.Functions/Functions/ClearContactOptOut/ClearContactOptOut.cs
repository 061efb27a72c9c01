using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// DELETE /api/procedures/{procedureId}/contact/opt-out (clinic): the patient has consented to surveys again, so the
/// opt-out remembered for this procedure's e-mail address and phone is cleared (audited with the clinic key that did it).
/// Procedures registered from then on are surveyed; follow-ups the opt-out cancelled stay cancelled. A contact that
/// cannot be read names no channel to clear: a 409 says so rather than a 204 that cleared nothing.
/// </summary>
public static class ClearContactOptOut
{
    public const string Route = "/api/procedures/{procedureId}/contact/opt-out";

    public static void Map(IEndpointRouteBuilder app) => app.MapDelete(Route, Handle).WithName(nameof(ClearContactOptOut))
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, IProcedureStore procedures, SurveyOptOuts optOuts, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return Problems.NotFound("procedure", procedureId);
        if (record.Procedure.ContactHeld.Unreadable is { } unreadable)
            return Problems.Refused(StatusCodes.Status409Conflict, new Rejection("contact-unreadable", "The patient's contact details cannot be read.",
                $"The {unreadable.Reason}, so no opt-out of theirs can be found to clear."));
        await optOuts.OptInAsync(record.Procedure.Registration.Contact.Channels, [procedureId], caller.Actor, ct);
        return TypedResults.NoContent();
    }
}
