using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/surveys/{token}: a patient's answers. Called wrapped (it has a Service Bus output besides HTTP): valid answers
/// go to <c>survey-responses</c>, sealed, and the patient gets 202; bad answers get a 400 naming the field and queue nothing.
/// </summary>
public static class SubmitSurveyResponse
{
    public const string Route = "/" + nameof(SubmitSurveyResponse);
    public const string TriggerName = "req";
    public const string HttpOutput = "res";
    public const string MessageOutput = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SubmitSurveyResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, SurveyVisits visits, ContactCipher cipher, TimeProvider clock, CancellationToken ct)
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
        var visit = await visits.ResolveAsync(token, now, ct);
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

        var message = SurveyResponseMessage.Create(open.Id, open.Calendar.LocalDate(now), answers,
            AuditActor.PatientLink(SurveyResponseMessage.ReferenceTo(token)), now, cipher);
        return Respond(
            Reply.Json(202, new { responseId = message.ResponseId, status = "received" }),
            new Dictionary<string, object?> { [MessageOutput] = message.ToQueueText() },
            $"Queued response {message.ResponseId}.");
    }

    private static Ok<InvocationResult> Respond(HttpOutput reply, Dictionary<string, object?>? outputs = null, string? log = null)
    {
        outputs ??= [];
        outputs[HttpOutput] = reply;
        return TypedResults.Ok(new InvocationResult(outputs, log is null ? [] : [log]));
    }
}
