using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outcomes.Functions;

/// <summary>What the SMS webhook answers: TwiML for Twilio, or a problem (kept here, beside the webhook, as Problems.cs is the API's).</summary>
internal static class SmsReplies
{
    /// <summary>TwiML that sends nothing back: Twilio confirms its own opt-out and opt-in keywords itself.</summary>
    public static ContentHttpResult EmptyTwiml() =>
        TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", "text/xml", System.Text.Encoding.UTF8);

    /// <summary>TwiML that answers the sender with one SMS (the text XML-escaped).</summary>
    public static ContentHttpResult Message(string text) => TypedResults.Text(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + new XElement("Response", new XElement("Message", text)).ToString(SaveOptions.DisableFormatting),
        "text/xml", System.Text.Encoding.UTF8);

    /// <summary>
    /// Without the provider's auth token no request can be shown to come from it: refused like a bad signature (403), as
    /// the admin routes refuse every key while no admin key is set, not a 5xx that any passer-by could draw.
    /// </summary>
    public static ProblemHttpResult NotConfigured(string setting) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: "urn:outcomes:problem:sms-replies-not-configured",
        title: "SMS replies are not configured", detail: $"Set {setting} on this deployment to receive SMS replies.");

    /// <summary>A body the server or the form reader refused; the detail never repeats what was sent.</summary>
    public static ProblemHttpResult Unreadable(int status, string detail) => TypedResults.Problem(
        statusCode: status, type: "urn:outcomes:problem:malformed-body", title: "The request body could not be read.", detail: detail);

    public static ProblemHttpResult BadSignature() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: "urn:outcomes:problem:bad-signature",
        title: "The request is not signed by the SMS provider.",
        detail: $"{TwilioSignature.Header} is missing or does not match this request.");
}
