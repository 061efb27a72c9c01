using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Functions.Patients;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Service Bus trigger on <c>survey-invitations</c>: turns an invitation (ids only) into the patient's e-mail, or an SMS
/// when there is no e-mail address, in the patient's language, with the survey link and a one-click opt-out, through the
/// SendGrid or Twilio output binding (the local host writes them to its outbox). Each message is handed out once
/// (<see cref="SurveyMessageHandOut"/>): a replay or duplicate sends nothing, and so does an invitation whose survey was
/// answered, cancelled or replaced meanwhile, or whose patient's contact was erased or opted out (then the message is
/// not handed out, and the timer's next run cancels the follow-up instead of queueing it again). One whose patient's
/// contact cannot be read (sealed under a key no longer configured) fails with a problem saying so, is logged as an error
/// with the procedure id, and is dead-lettered after its retries with that reason; it is not handed out, so the timer
/// queues it again once the key is configured again.
/// </summary>
public static class DeliverSurveyInvitation
{
    public const string Route = "/" + nameof(DeliverSurveyInvitation);
    public const string TriggerName = "invitation";
    public const string EmailOutput = "email";
    public const string SmsOutput = "sms";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(DeliverSurveyInvitation));

    internal static async Task<Results<Ok<InvocationResult>, ProblemHttpResult>> Handle(
        HttpRequest http, SurveyMessageHandOut handOut, IProcedureStore procedures, IClinicStore clinics, SurveyLinks links,
        PatientTexts texts, SurveyOptOuts optOuts, OutcomesMetrics metrics, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationReader.ReadAsync(http, TriggerName, ct);
        if (problem is not null)
            return problem;
        // A delivery without a message id is never taken for a retry of one that handed the message out.
        var messageId = invocation!.MetadataString("MessageId") ?? $"unnamed-{Guid.NewGuid():N}";
        var (message, id, why) = SurveyInvitationMessage.Read(invocation.Data[TriggerName]);
        if (message is null)
            return Rejected(metrics, invocation, $"Message {messageId}: {why}.");

        var procedure = await procedures.FindAsync(id!.ProcedureId, ct);
        var clinic = procedure is null ? null : await clinics.FindAsync(procedure.Procedure.ClinicId, ct);
        if (procedure is null || clinic is null || ClinicCalendar.For(clinic.TimeZone).Calendar is not { } calendar)
            return Rejected(metrics, invocation, $"Message {messageId}: follow-up {id} does not exist.");
        if (procedure.Procedure.ContactHeld.Unreadable is { } unreadable)
        {
            logs.CreateLogger(nameof(DeliverSurveyInvitation)).LogError("{Kind} {InvitationId} for procedure {ProcedureId} is not sent: its {Reason} (key id {KeyId}).",
                Kind(message), message.InvitationId, id.ProcedureId, unreadable.Reason, unreadable.KeyId ?? "none");
            metrics.MessageRejected(SurveyInvitationMessage.QueueName, invocation);
            return Problems.Refused(StatusCodes.Status422UnprocessableEntity, new Rejection("contact-unreadable", "The patient's contact details cannot be read.",
                $"Message {messageId}: follow-up {id}: {unreadable.Reason} (key id {unreadable.KeyId ?? "none"}); nothing was sent."));
        }
        var contact = procedure.Procedure.Registration.Contact;
        var channel = contact.Email is not null ? "email" : contact.Phone is not null ? "sms" : "none";
        if (await optOuts.IsOptedOutAsync(contact, ct))
            return Skipped($"{Kind(message)} {message.InvitationId} for {id}: the patient's contact opted out; nothing sent.");
        var now = clock.GetUtcNow();
        var (followUp, skipped) = await handOut.ClaimAsync(id, message, messageId, channel, now, ct);
        if (followUp is null)
            return skipped is null
                ? Rejected(metrics, invocation, $"Message {messageId}: follow-up {id} does not exist.")
                : Skipped($"{Kind(message)} {message.InvitationId} for {id}: {skipped}; nothing sent.");
        if (channel == "none")
            return Skipped($"{Kind(message)} {message.InvitationId} for {id}: the patient's contact details were erased; nothing sent.");
        var record = followUp.Record;

        var window = record.FollowUp.Window;
        var token = links.Issue(id, calendar.StartOfDay(window.ClosesBefore));
        var language = texts.For(contact.Language);
        var content = new InvitationContent(clinic.Name, links.SurveyLink(token), links.OptOutLink(token), message.Reminder,
            window.DaysLeft(calendar.LocalDate(now)), window.LastDay, clinic.Phone);
        var outputs = new Dictionary<string, object?>();
        if (contact.Email is { } email)
            outputs[EmailOutput] = SendGridMail.For(email, InvitationMessages.Email(language, content), content.OptOutLink);
        else
            outputs[SmsOutput] = new { to = contact.Phone, body = InvitationMessages.Sms(language, content) };
        metrics.MessageSent(reminder: message.Reminder is not null, channel);
        return TypedResults.Ok(new InvocationResult(outputs,
            [$"Delivered {Kind(message)} {message.InvitationId} for {id} by {(contact.Email is null ? "SMS" : "e-mail")} in '{language.Tag}'."]));
    }

    private static string Kind(SurveyInvitationMessage message) => message.Reminder is { } n ? $"Reminder {n}" : "Invitation";

    private static ProblemHttpResult Rejected(OutcomesMetrics metrics, InvocationRequest invocation, string detail)
    {
        metrics.MessageRejected(SurveyInvitationMessage.QueueName, invocation);
        return Problems.MalformedMessage(detail);
    }

    private static Ok<InvocationResult> Skipped(string log) => TypedResults.Ok(new InvocationResult(new Dictionary<string, object?>(), [log]));
}
