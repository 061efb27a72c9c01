using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// An answer the patient gave the clinic by phone or on paper, entered through the API or the procedure's page: checked
/// against the follow-up's window and the clinic's today, then queued the patient's way, sealed on
/// <c>survey-responses</c>, for <see cref="RecordSurveyResponse"/> to store by the same rules.
/// </summary>
internal sealed class ClinicAnswerEntry(IClinicStore clinics, ContactCipher cipher, TimeProvider clock)
{
    public const string MessageOutput = "response";

    /// <summary>What came of it: the queued answer's id, or why the follow-up refuses an answer given that day.</summary>
    public sealed record Outcome(Guid? Queued, AnswerRefusal? Refusal, FollowUpRecord FollowUp, DateOnly ClinicToday);

    public async Task<Outcome> EnterAsync(Caller.Clinic caller, ProcedureRecord record, TimePoint timePoint, DateOnly answeredOn, SurveyAnswers answers,
        FunctionOutputs outputs, CancellationToken ct)
    {
        var followUp = record.FollowUps.Single(f => f.FollowUp.TimePoint == timePoint);
        var now = clock.GetUtcNow();
        var clinicToday = ClinicCalendar.For((await clinics.FindAsync(caller.ClinicId, ct))?.TimeZone).Calendar?.LocalDate(now)
            ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        if (followUp.WhyNotAnswerable(answeredOn, clinicToday) is { } refusal)
            return new Outcome(null, refusal, followUp, clinicToday);
        var message = SurveyResponseMessage.Create(new FollowUpId(record.Procedure.ProcedureId, timePoint), answeredOn, answers, caller.Actor, now, cipher);
        outputs.Send(MessageOutput, message.ToQueueText());
        outputs.Log($"Queued clinic-entered response {message.ResponseId} for {record.Procedure.ProcedureId}_{timePoint.Code}.");
        return new Outcome(message.ResponseId, null, followUp, clinicToday);
    }
}
