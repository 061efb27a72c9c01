using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;

namespace Outcomes.Functions.Tests;

/// <summary>Inbound SMS as Twilio posts them: the form Twilio sends, signed over the public URL with the test's auth token.</summary>
internal static class SmsWebhook
{
    public const string AuthToken = "test-twilio-auth-token-0c1d2e3f";
    private const string SignedUrl = OutcomesApp.PublicBaseUrl + ReceiveSmsReply.Route;

    public static string NewPhone() => "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);

    /// <summary>A client of the app configured with the auth token (the webhook refuses every request, 403, without it).</summary>
    public static HttpClient Client(OutcomesApp app) =>
        app.WithWebHostBuilder(b => b.UseSetting(ReceiveSmsReply.AuthTokenSetting, AuthToken)).CreateClient();

    public static Task<HttpResponseMessage> ReplyAsync(this HttpClient sms, string from, string body, string? optOutType = null)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            new("From", from), new("To", "+4930555010"), new("Body", body), new("NumMedia", "0"), new("ApiVersion", "2010-04-01"),
        ];
        if (optOutType is not null)
            form.Add(new("OptOutType", optOutType));
        var request = new HttpRequestMessage(HttpMethod.Post, ReceiveSmsReply.Route) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(AuthToken, SignedUrl, form));
        return sms.SendAsync(request);
    }
}
