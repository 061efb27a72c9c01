using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Responses;
using Outcomes.Functions.Patients;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/surveys/{token}: a patient's answers, as the survey page's form post or as JSON. Called wrapped (it has a
/// Service Bus output besides HTTP): valid answers go to <c>survey-responses</c>, sealed, and the patient gets 202 (the
/// thank-you page, or JSON); bad answers get a 400 naming the field (the form again, with the errors, or a problem) and
/// queue nothing.
/// </summary>
public static class SubmitSurveyResponse
{
    public const string Route = "/" + nameof(SubmitSurveyResponse);
    public const string TriggerName = "req";
    public const string HttpOutput = "res";
    public const string MessageOutput = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SubmitSurveyResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, SurveyVisits visits, PatientTexts texts, ContactCipher cipher, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        var (request, why) = HttpTriggerData.Read(invocation!.Data[TriggerName]);
        if (request is null)
            return Problems.MalformedInvocation(why!);
        if (!request.Params.TryGetValue("token", out var token) || string.IsNullOrWhiteSpace(token))
            return Problems.MalformedInvocation("'Params' has no 'token' route value.");

        var now = clock.GetUtcNow();
        if (request.RawBody.Length > JsonBody.MaxBytes)
            return Respond(Reply.BodyTooLarge());
        var visit = await visits.ResolveAsync(token, now, ct);
        if (IsFormPost(request))
            return Respond(FormPost(request, token, visit, texts, cipher, now));
        if (visit is not SurveyVisit.Open open)
            return Respond(visit switch
            {
                SurveyVisit.Expired => Reply.Problem(410, new("survey-closed", "This survey has closed.", "The time to answer this survey is over.")),
                SurveyVisit.Closed => Reply.Problem(410, new("survey-closed", "This survey has closed.", "This survey no longer takes answers.")),
                SurveyVisit.AlreadyAnswered => Reply.Problem(409, new("already-received", "These answers were already received.", "This survey has been answered; thank you.")),
                _ => Reply.Problem(404, new("not-found", "There is no survey at this link.", "Check that the whole link was copied.")),
            });

        if (request.BodyIsMalformedJson)
            return Respond(Reply.Problem(400, new("malformed-json", "The answers are not valid JSON.", "Send the answers as a JSON object, e.g. {\"pain\": 3}.")));
        if (request.Body is not { } body)
            return Respond(Reply.Problem(400, new("missing-body", "The answers are missing.", "Send the answers as a JSON object, e.g. {\"pain\": 3}.")));
        var (answers, rejections) = SurveyAnswers.ReadAll(body);
        if (answers is null)
            return Respond(Reply.Problems(400, rejections));

        var message = Queued(open, answers, token, now, cipher);
        return Respond(Reply.Json(202, new { responseId = message.ResponseId, status = "received" }), Output(message), $"Queued response {message.ResponseId}.");
    }

    /// <summary>The page's own post: every answer comes back as a page in the patient's language.</summary>
    private static (HttpOutput Reply, Dictionary<string, object?>? Outputs, string? Log) FormPost(
        HttpTriggerData request, string token, SurveyVisit visit, PatientTexts texts, ContactCipher cipher, DateTimeOffset now)
    {
        if (visit is not SurveyVisit.Open open)
        {
            var (status, html) = SurveyPageReplies.ForClosed(visit, texts, request.Header("Accept-Language"));
            return (Reply.Html(status, html), null, null);
        }
        var fields = SurveyForm.ParseUrlEncoded(request.RawBody);
        var (answers, rejections) = SurveyAnswers.ReadAll(SurveyForm.ToAnswersJson(fields));
        if (answers is null)
        {
            var t = texts.For(open.Language);
            return (Reply.Html(400, SurveyPageReplies.Form(open, texts, token, SurveyForm.ToFieldErrors(t, rejections), SurveyForm.ToPrevious(fields))), null, null);
        }
        var message = Queued(open, answers, token, now, cipher);
        return (Reply.Html(202, SurveyPages.ThankYou(texts.For(open.Language))), Output(message), $"Queued response {message.ResponseId}.");
    }

    private static bool IsFormPost(HttpTriggerData request) =>
        request.Header("Content-Type").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static SurveyResponseMessage Queued(SurveyVisit.Open open, SurveyAnswers answers, string token, DateTimeOffset now, ContactCipher cipher) =>
        SurveyResponseMessage.Create(open.Id, open.Calendar.LocalDate(now), answers, AuditActor.PatientLink(SurveyResponseMessage.ReferenceTo(token)), now, cipher);

    private static Dictionary<string, object?> Output(SurveyResponseMessage message) => new() { [MessageOutput] = message.ToQueueText() };

    private static Ok<InvocationResult> Respond((HttpOutput Reply, Dictionary<string, object?>? Outputs, string? Log) page) =>
        Respond(page.Reply, page.Outputs, page.Log);

    private static Ok<InvocationResult> Respond(HttpOutput reply, Dictionary<string, object?>? outputs = null, string? log = null) =>
        Reply.Through(HttpOutput, reply, outputs, log);
}
