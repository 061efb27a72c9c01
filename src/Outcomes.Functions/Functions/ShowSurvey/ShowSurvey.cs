namespace Outcomes.Functions;

/// <summary>
/// GET /api/surveys/{token} (patient): the survey page in the patient's language. A tampered or unknown link is a 404
/// page, a closed survey a 410 page, an answered one says the answers were already received.
/// </summary>
public static class ShowSurvey
{
    public const string Route = "/api/surveys/{token}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ShowSurvey))
        .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound, contentType: "text/html")
        .Produces(StatusCodes.Status410Gone, contentType: "text/html");

    internal static async Task<IResult> Handle(string token, HttpRequest request, SurveyVisits visits, Patients.PatientTexts texts, TimeProvider clock, CancellationToken ct)
    {
        var visit = await visits.ResolveAsync(token, clock.GetUtcNow(), ct);
        if (visit is SurveyVisit.Open open)
            return SurveyPageReplies.Result(200, SurveyPageReplies.Form(open, texts, token));
        var (status, html) = SurveyPageReplies.ForClosed(visit, texts, request.Headers.AcceptLanguage);
        return SurveyPageReplies.Result(status, html);
    }
}
