using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Opt-outs that last, through the local host as processes: a STOP by SMS or the e-mail's opt-out link keeps every later
/// registration for that phone or address out of the outbox, and START lets them in again.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class OptOutFlowTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>An inbound SMS as Twilio posts it, signed over the public URL with the auth token the local host's settings hold.</summary>
    private async Task<string> ReplyBySmsAsync(string from, string body)
    {
        KeyValuePair<string, string>[] form = [new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("From", from), new("To", "+15550100"), new("Body", body)];
        var signed = new StringBuilder($"http://localhost:{host.Port}/api/sms/inbound");
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature",
            Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(LocalHostProcess.TwilioAuthToken), Encoding.UTF8.GetBytes(signed.ToString()))));
        var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The SMS in the outbox to this number (found by its digits: JSON may write the '+' escaped).</summary>
    private int SmsTo(string phone) => !Directory.Exists(host.OutboxFolder) ? 0
        : Directory.GetFiles(host.OutboxFolder, "*-DeliverSurveyInvitation-sms-*.json").Count(f => File.ReadAllText(f).Contains(phone[1..], StringComparison.Ordinal));

    private async Task RunTimerUntilSettledAsync()
    {
        await host.RunTimerAsync();
        await host.WhenInvitationsSettledAsync(Patience);
    }

    [Fact]
    public async Task After_STOP_a_new_registration_for_that_phone_gets_no_sms_and_after_START_the_next_one_does()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Opt-Out SMS");
        var run = Guid.NewGuid().ToString("N")[..8];
        var phone = "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);
        await clinic.RegisterAsync(host, $"E2E-{run}-1", clinic.Today.AddDays(-2), email: null, phone: phone);   // nothing due yet

        Assert.EndsWith("<Response/>", await ReplyBySmsAsync(phone, "STOP"));
        await clinic.RegisterAsync(host, $"E2E-{run}-2", clinic.Today.AddDays(-7), email: null, phone: phone);
        await RunTimerUntilSettledAsync();
        var afterStop = SmsTo(phone);

        Assert.EndsWith("<Response/>", await ReplyBySmsAsync(phone, "START"));
        await clinic.RegisterAsync(host, $"E2E-{run}-3", clinic.Today.AddDays(-7), email: null, phone: phone);
        await RunTimerUntilSettledAsync();
        await Storage.EventuallyAsync(() => Task.FromResult(SmsTo(phone)), n => n >= 1, Patience, "the invitation SMS after START");

        Assert.Equal(0, afterStop);
        Assert.Equal(1, SmsTo(phone));
    }

    [Fact]
    public async Task A_stop_word_only_outcomes_knows_is_confirmed_in_the_patients_language()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Opt-Out Baja");
        var phone = "+34600" + RandomNumberGenerator.GetInt32(100_000, 1_000_000);
        await clinic.RegisterAsync(host, $"E2E-{Guid.NewGuid():N}"[..16], clinic.Today.AddDays(-2), email: null, language: "es", phone: phone);

        var twiml = await ReplyBySmsAsync(phone, "BAJA");

        Assert.Contains("<Message>No recibirá más mensajes de encuestas", twiml);
    }

    [Fact]
    public async Task After_the_email_opt_out_link_a_new_registration_with_that_address_gets_no_email()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Opt-Out Mail");
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"e2e-optout-{run}@example.org";
        await clinic.RegisterAsync(host, $"E2E-{run}-1", clinic.Today.AddDays(-7), email);
        await host.RunTimerAsync();
        var invitation = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count == 1, Patience, "the invitation"))[0];
        var optOut = new Uri(OptOutLink().Match(invitation.Text).Value);

        var optedOut = await host.Client.PostAsync(optOut.PathAndQuery, new StringContent("List-Unsubscribe=One-Click"));
        await clinic.RegisterAsync(host, $"E2E-{run}-2", clinic.Today.AddDays(-7), email);
        await RunTimerUntilSettledAsync();

        Assert.Equal(HttpStatusCode.OK, optedOut.StatusCode);
        Assert.Single(host.Mails(email));
    }

    [GeneratedRegex(@"https?://[^\s/]+/api/surveys/[A-Za-z0-9_.-]+/opt-out")]
    private static partial Regex OptOutLink();
}
