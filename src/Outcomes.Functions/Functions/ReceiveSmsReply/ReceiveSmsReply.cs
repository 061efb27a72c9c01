using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/sms/inbound (Twilio's inbound-message webhook, signed with <c>X-Twilio-Signature</c>). A stop word
/// (<see cref="SmsKeywords"/>: Twilio's, or any patient language's in Texts/*.json) from a patient's number remembers the
/// number as opted out and opts out every patient whose contact phone it is, at every clinic, across all their
/// procedures. START, YES or UNSTOP forgets that: procedures registered from then on are surveyed again. A number no
/// patient has changes nothing: Outcomes keeps nothing about people it does not survey. A stop word only Outcomes knows
/// is confirmed in the patient's language; Twilio confirms its own keywords. Anything else changes nothing. The phone
/// number and the text are never logged nor echoed. A provider webhook, not API: left out of the OpenAPI document.
/// </summary>
public static class ReceiveSmsReply
{
    public const string Route = "/api/sms/inbound";
    public const string AuthTokenSetting = "TwilioAuthToken";   // the same setting the twilioSms output binding uses

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(ReceiveSmsReply)).ExcludeFromDescription()
        .WithMetadata(new RequestSizeLimitAttribute(SmsForm.MaxBytes));   // Kestrel's own limit for this route: a longer body is a 413

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> Handle(HttpRequest request, IConfiguration configuration,
        IProcedureStore procedures, SurveyOptOuts optOuts, Patients.PatientTexts texts, ILoggerFactory logs, CancellationToken ct)
    {
        if (configuration[AuthTokenSetting] is not { Length: > 0 } authToken)
            return SmsReplies.NotConfigured(AuthTokenSetting);
        // The URL Twilio signed is the public one: behind the Functions front end the request's own host may differ.
        if (!Uri.TryCreate(configuration[SurveyLinks.PublicBaseUrlSetting], UriKind.Absolute, out var publicBase))
            return SmsReplies.NotConfigured(SurveyLinks.PublicBaseUrlSetting);
        var (form, unreadable) = await SmsForm.ReadAsync(request, ct);
        if (form is null)
            return unreadable!;
        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList();
        var url = publicBase.OriginalString.TrimEnd('/') + Route + request.QueryString.Value;
        if (!TwilioSignature.IsValid(authToken, url, parameters, request.Headers[TwilioSignature.Header]))
            return SmsReplies.BadSignature();

        var log = logs.CreateLogger(nameof(ReceiveSmsReply));
        var messageSid = form["MessageSid"].ToString();
        var (keyword, twilioConfirms) = SmsKeywords.Read(form["Body"].ToString(), form["OptOutType"].ToString(), texts.AllSmsStopWords);
        if (keyword == SmsKeyword.None || ContactChannel.Phone(form["From"].ToString()) is not { } phone)
        {
            log.LogInformation("SMS reply {MessageSid} is not a stop or start word: nothing changes.", messageSid);
            return SmsReplies.EmptyTwiml();
        }
        var found = new List<RegisteredProcedure>();
        foreach (var (procedureId, _) in await procedures.ProceduresWithPhoneAsync(form["From"].ToString(), ct))
            if (await procedures.FindAsync(procedureId, ct) is { } record)
                found.Add(record.Procedure);
        var actor = AuditActor.System("sms-reply");
        if (found.Count == 0)
        {
            log.LogInformation("SMS reply {MessageSid} is a stop or start word from a number no patient has: nothing changes.", messageSid);
            return SmsReplies.EmptyTwiml();
        }

        if (keyword == SmsKeyword.OptIn)
        {
            var cleared = await optOuts.OptInAsync([phone], found.Select(p => p.ProcedureId), actor, ct);
            log.LogInformation("SMS reply {MessageSid} asked to start again: {Cleared} opt-out cleared, {Procedures} procedures reached by that number.",
                messageSid, cleared, found.Count);
            return SmsReplies.EmptyTwiml();
        }
        await optOuts.RememberAsync([phone], ct);
        var cancelled = 0;
        var patients = found.Select(p => (p.ClinicId, p.Registration.PatientRef)).Distinct().ToList();
        foreach (var (clinicId, patientRef) in patients)
            cancelled += await optOuts.StopPatientAsync(clinicId, patientRef, actor, ct);
        log.LogInformation("SMS reply {MessageSid} asked to stop: the number is remembered as opted out, {Patients} patients found, {Cancelled} follow-ups cancelled.",
            messageSid, patients.Count, cancelled);
        if (twilioConfirms)
            return SmsReplies.EmptyTwiml();
        var language = texts.For(found.MaxBy(p => p.RegisteredAt)!.Registration.Contact.Language);   // the latest registration's
        return SmsReplies.Message(language["sms.optedOut"]);
    }
}
