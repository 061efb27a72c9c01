using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests;

/// <summary>
/// Twilio's inbound-SMS webhook, signed as Twilio signs it over the public URL (the test client itself calls
/// http://localhost). The clock is 2026-03-01; a procedure on 2026-02-26 has all five follow-ups still to come.
/// </summary>
public sealed class SmsReplyTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string AuthToken = "test-twilio-auth-token-0c1d2e3f";
    private const string SignedUrl = OutcomesApp.PublicBaseUrl + "/api/sms/inbound";

    private HttpClient Sms => field ??= app.WithWebHostBuilder(b => b.UseSetting(ReceiveSmsReply.AuthTokenSetting, AuthToken)).CreateClient();

    private static string NewPhone() => "+49151" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000);

    private static List<KeyValuePair<string, string>> Inbound(string from, string body) =>
    [
        new("ToCountry", "DE"), new("SmsMessageSid", "SM0123456789abcdef0123456789abcdef"), new("NumMedia", "0"),
        new("SmsSid", "SM0123456789abcdef0123456789abcdef"), new("SmsStatus", "received"), new("Body", body), new("To", "+4930555010"),
        new("NumSegments", "1"), new("MessageSid", "SM0123456789abcdef0123456789abcdef"), new("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        new("From", from), new("ApiVersion", "2010-04-01"),
    ];

    private Task<HttpResponseMessage> ReplyAsync(string from, string body, string? signature = "sign", HttpClient? client = null, string? optOutType = null)
    {
        var form = Inbound(from, body);
        if (optOutType is not null)
            form.Add(new("OptOutType", optOutType));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
            request.Headers.Add("X-Twilio-Signature", signature == "sign" ? TwilioSignature.Compute(AuthToken, SignedUrl, form) : signature);
        return (client ?? Sms).SendAsync(request);
    }

    private async Task<(Access.RegisteredClinic Clinic, string[] Procedures)> RegisterPatientAsync(string phone, string patientRef, params string[] dates)
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var procedures = new List<string>();
        foreach (var date in dates)
            procedures.Add(await app.RegisterAsync(clinic, Pipeline.Registration(date, patientRef, email: null, phone: phone)));
        return (clinic, procedures.ToArray());
    }

    private async Task<List<FollowUpStatus>> StatusesAsync(string procedureId)
    {
        var statuses = new List<FollowUpStatus>();
        foreach (var timePoint in TimePoint.All)
            statuses.Add((await app.FollowUpAsync(procedureId, timePoint))!.Record.FollowUp.Status);
        return statuses;
    }

    private static async Task AssertEmptyTwimlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("<Response/>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop ")]
    [InlineData("Revoke")]    // Twilio's default keywords include REVOKE and OPTOUT
    [InlineData("OPTOUT")]
    public async Task A_stop_word_from_the_registered_phone_cancels_that_patients_open_follow_ups_and_no_one_elses(string reply)
    {
        var phone = NewPhone();
        var (_, patient) = await RegisterPatientAsync(phone, "NSC-0001", "2026-02-26", "2026-02-27");
        var (_, other) = await RegisterPatientAsync(NewPhone(), "NSC-0002", "2026-02-26");

        var response = await ReplyAsync(phone, reply);

        await AssertEmptyTwimlAsync(response);
        Assert.DoesNotContain(phone[1..], await response.Content.ReadAsStringAsync());
        Assert.All(await StatusesAsync(patient[0]), s => Assert.Equal(FollowUpStatus.Cancelled, s));
        Assert.All(await StatusesAsync(patient[1]), s => Assert.Equal(FollowUpStatus.Cancelled, s));
        Assert.All(await StatusesAsync(other[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }

    [Theory]
    [InlineData("Baja", "es", "No recibirá más mensajes de encuestas")]
    [InlineData("退订", "zh-Hans", "您将不会再收到问卷短信")]
    [InlineData("td", "zh-Hans", "您将不会再收到问卷短信")]
    [InlineData("parar", "en", "You will get no more survey messages")]   // any language's word; the answer in the patient's own
    public async Task A_stop_word_twilio_does_not_know_is_confirmed_in_the_patients_language(string reply, string language, string confirmation)
    {
        var phone = NewPhone();
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var procedure = await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-26", "NSC-0010", email: null, phone: phone, language: language));

        var response = await ReplyAsync(phone, reply);

        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(confirmation, Assert.Single(twiml.Root!.Elements("Message")).Value);
        Assert.DoesNotContain(phone[1..], twiml.ToString());
        Assert.All(await StatusesAsync(procedure), s => Assert.Equal(FollowUpStatus.Cancelled, s));
    }

    [Theory]
    [InlineData("STOP", null)]
    [InlineData("Baja", "STOP")]   // Twilio's Advanced Opt-Out, set up with the language's word, confirms it itself
    public async Task A_stop_twilio_recognised_is_not_confirmed_a_second_time(string reply, string? optOutType)
    {
        var phone = NewPhone();
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-26", "NSC-0011", email: null, phone: phone, language: "es"));

        await AssertEmptyTwimlAsync(await ReplyAsync(phone, reply, optOutType: optOutType));
    }

    [Fact]
    public async Task A_reply_twilio_names_an_opt_out_stops_the_surveys_whatever_its_words()
    {
        var phone = NewPhone();
        var (_, patient) = await RegisterPatientAsync(phone, "NSC-0009", "2026-02-26");

        await AssertEmptyTwimlAsync(await ReplyAsync(phone, "ARRET", optOutType: "STOP"));

        Assert.All(await StatusesAsync(patient[0]), s => Assert.Equal(FollowUpStatus.Cancelled, s));
    }

    [Fact]
    public async Task The_cancellations_are_audited_as_an_opt_out_by_sms_reply()
    {
        var phone = NewPhone();
        var (clinic, procedures) = await RegisterPatientAsync(phone, "NSC-0003", "2026-02-26");

        await AssertEmptyTwimlAsync(await ReplyAsync(phone, "STOP"));

        var audit = JsonNode.Parse(await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedures[0]}/audit", clinic.ApiKey)).Content.ReadAsStringAsync())!.AsArray();
        var cancelled = audit.Where(e => e!["action"]!.GetValue<string>() == "follow-up-cancelled").ToList();
        Assert.Equal(5, cancelled.Count);
        Assert.All(cancelled, e => Assert.Equal(("system", "sms-reply", "opt_out"),
            (e!["actor"]!.GetValue<string>(), e["actorId"]!.GetValue<string>(), e["changes"]!["reason"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public async Task A_missing_or_wrong_signature_is_403_and_nothing_is_cancelled(string? signature)
    {
        var phone = NewPhone();
        var (_, procedures) = await RegisterPatientAsync(phone, "NSC-0004", "2026-02-26");

        var response = await ReplyAsync(phone, "STOP", signature);   // null: no X-Twilio-Signature header at all

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("urn:outcomes:problem:bad-signature", (await response.ReadProblemAsync())["type"]!.GetValue<string>());
        Assert.All(await StatusesAsync(procedures[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }

    [Fact]
    public async Task A_signature_over_another_text_or_the_handlers_own_url_is_403()
    {
        var phone = NewPhone();
        var (_, procedures) = await RegisterPatientAsync(phone, "NSC-0005", "2026-02-26");

        var otherText = await ReplyAsync(phone, "STOP", TwilioSignature.Compute(AuthToken, SignedUrl, Inbound(phone, "Hello")));
        var ownUrl = await ReplyAsync(phone, "STOP", TwilioSignature.Compute(AuthToken, "http://localhost/api/sms/inbound", Inbound(phone, "STOP")));
        var otherToken = await ReplyAsync(phone, "STOP", TwilioSignature.Compute("another-token", SignedUrl, Inbound(phone, "STOP")));

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [otherText.StatusCode, ownUrl.StatusCode, otherToken.StatusCode]);
        Assert.All(await StatusesAsync(procedures[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }

    [Theory]
    [InlineData("Thanks, my back is much better")]
    [InlineData("STOP please")]
    [InlineData("")]
    public async Task Any_other_text_is_answered_with_empty_twiml_and_changes_nothing(string reply)
    {
        var phone = NewPhone();
        var (_, procedures) = await RegisterPatientAsync(phone, "NSC-0006", "2026-02-26");

        await AssertEmptyTwimlAsync(await ReplyAsync(phone, reply));

        Assert.All(await StatusesAsync(procedures[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }

    [Fact]
    public async Task A_stop_from_an_unknown_number_is_answered_and_changes_nothing() =>
        await AssertEmptyTwimlAsync(await ReplyAsync(NewPhone(), "STOP"));

    [Fact]
    public async Task Without_the_auth_token_setting_sms_replies_are_refused_403_not_configured()
    {
        var phone = NewPhone();
        var (_, procedures) = await RegisterPatientAsync(phone, "NSC-0007", "2026-02-26");

        var response = await ReplyAsync(phone, "STOP", client: app.Client);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("SMS replies are not configured", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        Assert.All(await StatusesAsync(procedures[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }

    [Fact]
    public async Task The_phone_number_and_the_text_are_never_logged_nor_stored_in_clear()
    {
        var phone = NewPhone();
        await RegisterPatientAsync(phone, "NSC-0008", "2026-02-26");

        await AssertEmptyTwimlAsync(await ReplyAsync(phone, "My private words about my back"));
        await AssertEmptyTwimlAsync(await ReplyAsync(phone, "STOP"));

        Assert.Contains(app.Logs.Lines, l => l.Contains("asked to stop", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(phone[1..], StringComparison.Ordinal) || l.Contains(phone[^7..], StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("private words", StringComparison.Ordinal));
        var service = new TableServiceClient(app.StorageConnection);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(app.TablePrefix) >= 0 && t.Name.CompareTo(app.TablePrefix + "~") < 0))
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                Assert.DoesNotContain(phone[^7..], JsonSerializer.Serialize(row));
    }

    [Fact]
    public async Task After_the_contact_is_erased_a_stop_from_that_phone_finds_nothing_and_its_lookup_row_is_gone()
    {
        var phone = NewPhone();
        var (clinic, procedures) = await RegisterPatientAsync(phone, "NSC-0009", "2026-02-26");
        var phones = app.Table("PatientPhones");
        Assert.Single(await phones.QueryAsync<TableEntity>(e => e.RowKey == procedures[0]).ToListAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{procedures[0]}/contact", clinic.ApiKey)).StatusCode);
        await AssertEmptyTwimlAsync(await ReplyAsync(phone, "STOP"));

        Assert.Empty(await phones.QueryAsync<TableEntity>(e => e.RowKey == procedures[0]).ToListAsync());
        Assert.All(await StatusesAsync(procedures[0]), s => Assert.Equal(FollowUpStatus.Pending, s));
    }
}
