using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Service Bus trigger on <c>survey-responses</c>: records the answer for the follow-up it names and, when that follow-up
/// led an invitation covering others of the same patient, for each of those still open on the day answered. Each
/// follow-up takes one answer, stored with its status change in one transaction, so a redelivered or double-submitted
/// answer changes nothing. A message that can never be processed is answered 400: the host retries it up to the queue's
/// maximum delivery count and then dead-letters it, and nothing behind it waits.
/// </summary>
public static class RecordSurveyResponse
{
    public const string Route = "/" + nameof(RecordSurveyResponse);
    public const string TriggerName = "response";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RecordSurveyResponse));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, IFollowUpStore followUps, IProcedureStore procedures, OutcomeCounting counting, ClinicWorklist worklist, RedFlagAlerts alerts,
        ContactCipher cipher, OutcomesMetrics metrics, TimeProvider clock, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        var messageId = invocation!.MetadataString("MessageId") ?? "?";
        var (message, followUp, answers, why) = SurveyResponseMessage.Read(invocation.Data[TriggerName], cipher);
        if (message is null)
            return Rejected(metrics, invocation, $"Message {messageId}: {why}.");
        if ((message.SeenFollowUp(followUp!, followUps, cipher) ?? await followUps.GetAsync(followUp!, ct)) is not { } lead)
            return Rejected(metrics, invocation, $"Message {messageId}: follow-up {followUp} does not exist.");

        var covered = new List<TrackedFollowUp> { lead };
        foreach (var other in lead.Record.Covers ?? [])
            if (await followUps.GetAsync(other, ct) is { Record.InvitedWith: { } with } read && with == followUp)
                covered.Add(read);

        var outcomes = new List<string>();
        var holdingThisAnswer = new List<(FollowUpId Id, TallyKey? Counted)>();
        var observed = new HashSet<TimePoint>();   // the time points where this answer is stored as an observation already
        var writing = new List<Task>();   // the counts, and the listing index tidied: all written before the delivery is answered
        foreach (var read in covered)
        {
            var id = read.Id;
            // One observation per time point: the first follow-up there that takes it (the lead's, unless its window had
            // closed); a copy stored before says which it was.
            var answer = new FollowUpAnswer(message.ResponseId, answers!, message.AnsweredOn, clock.GetUtcNow(), message.Source.Actor, followUp!,
                Observation: !observed.Contains(id.TimePoint));
            var (outcome, stored, tidying) = await followUps.RecordAnswerAsync(read, answer, ct);   // stored: this answer, or one stored before
            if (tidying is not null)
                writing.Add(tidying);
            if (outcome == AnswerOutcome.Recorded)
                metrics.AnswerRecorded(id.TimePoint.Code);
            else if (outcome == AnswerOutcome.AlreadyAnswered)
                metrics.DuplicateIgnored(SurveyResponseMessage.QueueName);
            // Counted with the stored answer (a second, different answer changes nothing), also when a first delivery
            // stored it and stopped before counting; what was just written is not read back. The count is written while
            // the red flags below are raised, and before the delivery is answered: a handler that ends before then leaves
            // the message to be delivered again, and the redelivery counts it, once (its marker). The timer is no safety
            // net here: an invited follow-up's entry in the due index waits for its next reminder or its close.
            if (stored is { ResponseId: var responseId } && responseId == message.ResponseId && (stored.Observation ?? stored.ReceivedFor == id))
                observed.Add(id.TimePoint);
            var tally = stored is null ? null : read.Tally ?? (await procedures.FindRegisteredAsync(id.ProcedureId, ct, withContact: false))?.TallyKey;
            if (stored?.ResponseId == message.ResponseId)
                holdingThisAnswer.Add((id, tally));
            if (stored is not null && tally is not null)
                writing.Add(counting.AnsweredAsync(tally, id, stored, ct));
            outcomes.Add($"{id}: {outcome}");
        }
        // Red flags from this answer, against each procedure that holds it (its own baseline and earlier answers; a
        // redelivery raises them again, once): on the clinic's worklist, and one alert e-mail each to its alert address.
        // The log says how many, never which: a flag's kind tells what the patient answered.
        var outputs = new Dictionary<string, object?>();
        var mails = new List<object>();
        var raised = 0;
        foreach (var (id, counted) in holdingThisAnswer)
        {
            var (clinicId, flags) = await worklist.RaiseAsync(id, counted, answers!, clock.GetUtcNow(), ct);
            mails.AddRange(await alerts.ClaimAsync(clinicId, flags, messageId, ct));
            raised += flags.Count;
        }
        await Task.WhenAll(writing);
        if (mails.Count > 0)
            outputs[RedFlagAlerts.Output] = mails.ToArray();
        if (raised > 0)
            outcomes.Add($"{raised} red flags, {mails.Count} alerts");
        var delivery = invocation.MetadataString("DeliveryCount") ?? "?";
        return TypedResults.Ok(new InvocationResult(outputs,
            [$"Response {message.ResponseId} from message {messageId} (delivery {delivery}): {string.Join(", ", outcomes)}."]));
    }

    private static ProblemHttpResult Rejected(OutcomesMetrics metrics, InvocationRequest invocation, string detail)
    {
        metrics.MessageRejected(SurveyResponseMessage.QueueName, invocation);
        return Problems.MalformedMessage(detail);
    }
}
