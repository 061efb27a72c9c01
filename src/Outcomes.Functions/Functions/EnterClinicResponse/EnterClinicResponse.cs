using System.Globalization;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/procedures/{procedureId}/responses (clinic): answers the patient gave by phone or on paper,
/// <c>{timePoint, answeredOn, pain, medications, opioid, newFracture}</c>. <c>answeredOn</c>, the day the patient answered,
/// must lie in the time point's window and not after the clinic's today; the entry itself may come later. The answers go
/// the patient's way, sealed on <c>survey-responses</c> for <see cref="RecordSurveyResponse"/>, and the clinic gets 202.
/// The host calls it wrapped (it has a Service Bus output); <see cref="WrappedHttpAdapter"/> brings it here. A follow-up
/// already answered, or cancelled before the day answered, is a 409: the request is well-formed, the follow-up's state
/// refuses it. One marked missed still takes an answer given inside its window (paper comes late), and one cancelled by
/// a death, withdrawal or opt-out an answer given by the event's day.
/// </summary>
public static class EnterClinicResponse
{
    public const string Route = "/api/procedures/{procedureId}/responses";
    public const string MessageOutput = ClinicAnswerEntry.MessageOutput;
    private const string AnsweredOnField = ClinicAnswersRequest.AnsweredOnField;

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(EnterClinicResponse))
        .Accepts<ClinicAnswersRequest>("application/json").Produces<Queued>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public sealed record Queued(Guid ResponseId, string Status);

    internal static async Task<IResult> Handle(string procedureId, Caller.Clinic caller, IProcedureStore procedures, ClinicAnswerEntry entry,
        FunctionOutputs outputs, HttpContext http, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return Problems.NotFound("procedure", procedureId);
        var (body, problem) = await JsonRequest.ReadAsync<ClinicAnswersRequest>(http.Request, ct);
        if (body is null)
            return problem!;
        var (timePoint, answeredOn, answers, rejections) = body.Check();
        if (answers is null)
            return Problems.InvalidInputs(rejections);
        var outcome = await entry.EnterAsync(caller, record, timePoint!, answeredOn!.Value, answers, outputs, ct);
        return outcome.Queued is { } responseId
            ? TypedResults.Accepted((string?)null, new Queued(responseId, "queued"))
            : WhyNot(outcome.FollowUp, outcome.Refusal!.Value, answeredOn.Value, outcome.ClinicToday);
    }

    /// <summary>Why this follow-up cannot take an answer given on that day, as the problem the clinic gets.</summary>
    private static IResult WhyNot(FollowUpRecord record, AnswerRefusal refusal, DateOnly answeredOn, DateOnly clinicToday)
    {
        var followUp = record.FollowUp;
        return refusal switch
        {
            AnswerRefusal.AlreadyAnswered => Problems.Refused(409, new("already-answered", "This follow-up is already answered.",
                $"The {followUp.TimePoint.Code} follow-up has its answer; it takes one.")),
            AnswerRefusal.Cancelled => Problems.Refused(409, new("follow-up-cancelled", "This follow-up was cancelled.",
                record.CancelledAsOf is { } asOf
                    ? $"The {followUp.TimePoint.Code} follow-up was cancelled as of {Day(asOf)} (the patient died, withdrew or opted out); it takes answers given by that day only."
                    : $"The {followUp.TimePoint.Code} follow-up was cancelled (the patient died, withdrew or opted out); it takes no answers.")),
            AnswerRefusal.InTheFuture => Problems.InvalidInput(Rejection.Invalid(AnsweredOnField,
                $"'{AnsweredOnField}' is the day the patient answered, so not in the future: {Day(answeredOn)} is after the clinic's today, {Day(clinicToday)}.")),
            _ => Problems.InvalidInput(Rejection.Invalid(AnsweredOnField,
                $"The {followUp.TimePoint.Code} follow-up takes answers given from {Day(followUp.Window.Opens)} to {Day(followUp.Window.LastDay)}; {Day(answeredOn)} is outside.")),
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
