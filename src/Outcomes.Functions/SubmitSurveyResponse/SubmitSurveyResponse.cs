using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/surveys/{token}: a patient's answers. Called wrapped (it has a Service Bus output besides HTTP): the
/// answers go to <c>survey-responses</c> and the patient gets 202; bad answers get a 400 problem and queue nothing.
/// </summary>
public static class SubmitSurveyResponse
{
    public const string Route = "/" + nameof(SubmitSurveyResponse);
    public const string TriggerName = "req";
    public const string HttpOutput = "res";
    public const string MessageOutput = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(SubmitSurveyResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        var (request, why) = HttpTriggerData.Read(invocation!.Data[TriggerName]);
        if (request is null)
            return Problems.MalformedInvocation(why!);
        if (!request.Params.TryGetValue("token", out var token) || string.IsNullOrWhiteSpace(token))
            return Problems.MalformedInvocation("'Params' has no 'token' route value.");

        if (request.BodyIsMalformedJson)
            return Respond(Reply.Problem(400, new("malformed-json", "The answers are not valid JSON.", "Send the answers as a JSON object, e.g. {\"pain\": 3}.")));
        if (request.Body is not { } body)
            return Respond(Reply.Problem(400, new("missing-body", "The answers are missing.", "Send the answers as a JSON object, e.g. {\"pain\": 3}.")));
        var (answers, rejection) = SurveyAnswers.Read(body);
        if (answers is null)
            return Respond(Reply.Problem(400, rejection!));

        var message = new SurveyResponseMessage(Guid.NewGuid(), SurveyResponseMessage.ReferenceTo(token), SurveyResponseMessage.AnswersPart.From(answers), clock.GetUtcNow());
        return Respond(
            Reply.Json(202, new { responseId = message.ResponseId, status = "received" }),
            new Dictionary<string, object?> { [MessageOutput] = JsonSerializer.Serialize(message) },
            $"Queued response {message.ResponseId}.");
    }

    private static Ok<InvocationResult> Respond(HttpOutput reply, Dictionary<string, object?>? outputs = null, string? log = null)
    {
        outputs ??= [];
        outputs[HttpOutput] = reply;
        return TypedResults.Ok(new InvocationResult(outputs, log is null ? [] : [log]));
    }
}
