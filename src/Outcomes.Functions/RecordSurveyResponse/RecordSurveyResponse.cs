using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Service Bus trigger on <c>survey-responses</c>: stores each response once, keyed by the message id, so a
/// redelivered message changes nothing. A message that can never be stored is answered 400: the host retries it
/// up to the queue's maximum delivery count and then dead-letters it.
/// </summary>
public static class RecordSurveyResponse
{
    public const string Route = "/" + nameof(RecordSurveyResponse);
    public const string TriggerName = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RecordSurveyResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, ISurveyResponseStore store, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        if (invocation!.MetadataString("MessageId") is not { Length: > 0 } messageId)
            return Problems.MalformedInvocation("'Metadata' has no 'MessageId': the response could not be stored exactly once.");
        if (Read(invocation.Data[TriggerName]) is not { } message)
            return Problems.MalformedMessage($"Message {messageId} is not a survey response (responseId, surveyLink, answers, submittedAt).");
        var (answers, why) = SurveyAnswers.Read(JsonSerializer.SerializeToElement(message.Answers));
        if (answers is null)
            return Problems.MalformedMessage($"Message {messageId}: {why!.Detail}");

        var outcome = await store.AddAsync(
            new ReceivedSurveyResponse(messageId, message.SurveyLink, message.ResponseId, answers, message.SubmittedAt), ct);
        var delivery = invocation.MetadataString("DeliveryCount") ?? "?";
        return TypedResults.Ok(new InvocationResult(new Dictionary<string, object?>(), [outcome switch
        {
            StoreOutcome.Stored => $"Stored response {message.ResponseId} from message {messageId} (delivery {delivery}).",
            _ => $"Response {message.ResponseId} from message {messageId} was already stored; delivery {delivery} changed nothing.",
        }]));
    }

    /// <summary>The trigger data is the message text as a JSON string (as the docs show); an object is accepted too.</summary>
    private static SurveyResponseMessage? Read(JsonElement data)
    {
        try
        {
            var message = data.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize<SurveyResponseMessage>(data.GetString()!)
                : JsonSerializer.Deserialize<SurveyResponseMessage>(data);
            return message is { SurveyLink.Length: > 0, Answers: not null } && message.ResponseId != Guid.Empty ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
