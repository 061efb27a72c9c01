using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/sms/inbound (Twilio's inbound-message webhook, signed with <c>X-Twilio-Signature</c>): a reply that is a
/// stop word of any patient language (Texts/*.json, <c>smsStopWords</c>) opts out every patient whose contact phone sent
/// it, across all the procedures their clinic registered for them. Anything else changes nothing. The phone number and
/// the text are never logged nor echoed. A provider webhook, not API: left out of the OpenAPI document.
/// </summary>
public static class ReceiveSmsReply
{
    public const string Route = "/api/sms/inbound";
    public const string AuthTokenSetting = "TwilioAuthToken";   // the same setting the twilioSms output binding uses

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(ReceiveSmsReply)).ExcludeFromDescription()
        .WithMetadata(new RequestSizeLimitAttribute(SmsForm.MaxBytes));   // Kestrel's own limit for this route: a longer body is a 413

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> Handle(HttpRequest request, IConfiguration configuration,
        IProcedureStore procedures, PatientSurveysStop stop, Patients.PatientTexts texts, ILoggerFactory logs, CancellationToken ct)
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
        // Twilio's Advanced Opt-Out names an opt-out it recognised (its own keywords, or a language's set up there) in OptOutType.
        var stops = form["OptOutType"].ToString() == "STOP" || texts.AllSmsStopWords.Contains(form["Body"].ToString().Trim().ToUpperInvariant());
        if (!stops || form["From"].ToString() is not { Length: > 0 } from)
        {
            log.LogInformation("SMS reply {MessageSid} is not a stop word: nothing changes.", form["MessageSid"].ToString());
            return SmsReplies.EmptyTwiml();
        }
        var patients = new HashSet<(string ClinicId, string PatientRef)>();
        foreach (var (procedureId, _) in await procedures.ProceduresWithPhoneAsync(from, ct))
            if (await procedures.FindAsync(procedureId, ct) is { } found)
                patients.Add((found.Procedure.ClinicId, found.Procedure.Registration.PatientRef));
        var cancelled = 0;
        foreach (var (clinicId, patientRef) in patients)
            cancelled += await stop.StopAsync(clinicId, patientRef, PatientEventType.OptOut, asOf: null, AuditActor.System("sms-reply"), ct);
        log.LogInformation("SMS reply {MessageSid} asked to stop: {Patients} patients found, {Cancelled} follow-ups cancelled.",
            form["MessageSid"].ToString(), patients.Count, cancelled);
        return SmsReplies.EmptyTwiml();
    }
}
