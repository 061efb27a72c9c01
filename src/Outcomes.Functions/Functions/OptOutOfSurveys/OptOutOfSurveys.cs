using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// /api/surveys/{token}/opt-out (patient): GET asks for confirmation with one button (mail scanners open every link, so a
/// link alone must not opt out); POST — that button, or a mail client's one-click unsubscribe (RFC 8058) — stops every
/// survey still to come for the patient and remembers their e-mail address and phone as opted out (<see cref="SurveyOptOuts"/>),
/// so no later registration, at any clinic, surveys them. A link that has expired still opts out: stopping must never be
/// harder than starting.
/// </summary>
public static class OptOutOfSurveys
{
    public const string Route = "/api/surveys/{token}/opt-out";

    public static void Map(IEndpointRouteBuilder app) => app.MapMethods(Route, ["GET", "POST"], Handle).WithName(nameof(OptOutOfSurveys)).RequireSameOrigin()
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound, contentType: "text/html");

    internal static async Task<IResult> Handle(string token, HttpRequest request, SurveyVisits visits, SurveyOptOuts optOuts,
        IClinicStore clinics, Patients.PatientTexts texts, TimeProvider clock, CancellationToken ct)
    {
        if (await visits.PatientOfAsync(token, clock.GetUtcNow(), ct) is not { } procedure)
            return SurveyPageReplies.Result(404, Patients.SurveyPages.NotFound(texts.For(SurveyPageReplies.FirstLanguage(request.Headers.AcceptLanguage))));
        var t = texts.For(procedure.Procedure.Registration.Contact.Language);
        var clinic = SurveyPageReplies.ContactOf(await clinics.FindAsync(procedure.Procedure.ClinicId, ct));
        if (HttpMethods.IsGet(request.Method))
            return SurveyPageReplies.Result(200, Patients.SurveyPages.OptOutConfirm(t, "opt-out", clinic));

        var registered = procedure.Procedure;
        await optOuts.RememberAsync(registered.Registration.Contact.Channels, ct);
        await optOuts.StopPatientAsync(registered.ClinicId, registered.Registration.PatientRef, AuditActor.PatientLink(SurveyResponseMessage.ReferenceTo(token)), ct);
        return SurveyPageReplies.Result(200, Patients.SurveyPages.OptedOut(t, clinic));
    }
}
