using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests;

/// <summary>
/// An opt-out is remembered for the patient's phone and e-mail address, not only for the procedures registered so far.
/// The clock is 2026-03-01 09:00 UTC (10:00 in Amsterdam); a procedure on 2026-02-22 has its one-week survey due that day,
/// so the next timer run invites it unless its contact opted out. Every test has its own contact.
/// </summary>
public sealed class OptOutsLastTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string DueToday = "2026-02-22";

    private HttpClient Sms => field ??= SmsWebhook.Client(app);

    private static string NewEmail() => $"patient.{RandomNumberGenerator.GetInt32(10_000_000, 100_000_000)}@example.org";

    private async Task<Access.RegisteredClinic> ClinicAsync()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        return await app.CreateClinicAsync();
    }

    private async Task<(string ProcedureId, JsonObject View)> RegisterAsync(Access.RegisteredClinic clinic, string? email = null, string? phone = null,
        string patientRef = "NSC-0001", string date = DueToday)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, Pipeline.Registration(date, patientRef, email, phone).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.ReadObjectAsync();
        return (view["procedureId"]!.GetValue<string>(), view);
    }

    /// <summary>The messages one timer run sends for the procedure (each delivered as the host would).</summary>
    private async Task<List<SurveyInvitationMessage>> TimerMessagesForAsync(string procedureId) =>
        (await app.RunTimerAsync()).Where(m => m.FollowUpId.StartsWith(procedureId + "_", StringComparison.Ordinal)).ToList();

    private async Task<List<FollowUpStatus>> StatusesAsync(string procedureId)
    {
        var statuses = new List<FollowUpStatus>();
        foreach (var timePoint in TimePoint.All)
            statuses.Add((await app.FollowUpAsync(procedureId, timePoint))!.Record.FollowUp.Status);
        return statuses;
    }

    private async Task<JsonArray> AuditAsync(Access.RegisteredClinic clinic, string procedureId) =>
        JsonNode.Parse(await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}/audit", clinic.ApiKey)).Content.ReadAsStringAsync())!.AsArray();

    private async Task OptOutByLinkAsync(string procedureId) =>
        (await app.Client.PostAsync($"/api/surveys/{app.TokenFor($"{procedureId}_1w")}/opt-out", new StringContent("List-Unsubscribe=One-Click"))).EnsureSuccessStatusCode();

    [Fact]
    public async Task After_STOP_a_new_registration_for_that_phone_is_cancelled_as_of_registration_and_the_timer_sends_it_nothing()
    {
        var clinic = await ClinicAsync();
        var phone = SmsWebhook.NewPhone();
        await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0101", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var (later, view) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0101");
        var messages = await TimerMessagesForAsync(later);

        Assert.Empty(messages);
        Assert.All(view["followUps"]!.AsArray(), f => Assert.Equal("cancelled", f!["status"]!.GetValue<string>()));
        Assert.All(await StatusesAsync(later), s => Assert.Equal(FollowUpStatus.Cancelled, s));
        var cancellations = (await AuditAsync(clinic, later)).Where(e => e!["action"]!.GetValue<string>() == "follow-up-cancelled").ToList();
        Assert.Equal(5, cancellations.Count);
        Assert.All(cancellations, e => Assert.Equal(("contact-opt-out", "opt_out", DueToday),   // as of the procedure: the opt-out came before it
            (e!["actorId"]!.GetValue<string>(), e["changes"]!["reason"]!.GetValue<string>(), e["changes"]!["asOf"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_cancellation_for_an_opted_out_contact_is_counted_as_cancelled_not_left_to_be_missed()
    {
        var clinic = await ClinicAsync();
        var phone = SmsWebhook.NewPhone();
        await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0102", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var (procedureId, _) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0102");

        app.Clock.Now = new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero);   // the one-week window has closed
        await app.RunTimerAsync();

        var followUp = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        Assert.Equal((FollowUpStatus.Cancelled, DateOnly.Parse(DueToday)), (followUp.Status, followUp.CancelledAsOf));
        Assert.True(followUp.NeverDue);   // the patient had opted out before the procedure: none of its surveys was ever due
    }

    [Fact]
    public async Task A_stop_from_a_number_no_patient_has_is_not_remembered()
    {
        var clinic = await ClinicAsync();
        var phone = SmsWebhook.NewPhone();
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var (procedureId, _) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0113");

        Assert.Single(await TimerMessagesForAsync(procedureId));
        Assert.Empty(await app.Table("ContactOptOuts").QueryAsync<TableEntity>().Where(r => r.PartitionKey == app.Service<Storage.ContactCipher>().PhoneLookupKey(phone)).ToListAsync());
    }

    [Fact]
    public async Task Another_clinic_registering_a_phone_that_replied_STOP_does_not_survey_it()
    {
        var (first, second) = (await ClinicAsync(), await app.CreateClinicAsync(name: "Spine Centre South"));
        var phone = SmsWebhook.NewPhone();
        await RegisterAsync(first, phone: phone, patientRef: "NSC-0103", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var (elsewhere, _) = await RegisterAsync(second, phone: phone, patientRef: "SCS-7");

        Assert.Empty(await TimerMessagesForAsync(elsewhere));
        Assert.All(await StatusesAsync(elsewhere), s => Assert.Equal(FollowUpStatus.Cancelled, s));
    }

    [Theory]
    [InlineData("START", null)]
    [InlineData("unstop", null)]
    [InlineData("Yes", null)]
    [InlineData("Hola", "START")]   // Twilio's Advanced Opt-Out names an opt-in it recognised in its own language
    public async Task After_an_opt_in_word_a_new_registration_for_that_phone_is_surveyed_again(string reply, string? optOutType)
    {
        var clinic = await ClinicAsync();
        var phone = SmsWebhook.NewPhone();
        var (stopped, _) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0104", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var answer = await Sms.ReplyAsync(phone, reply, optOutType);
        var (later, _) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0104");

        Assert.EndsWith("<Response/>", await answer.Content.ReadAsStringAsync());   // Twilio confirms its own keywords
        Assert.Equal($"{later}_1w", Assert.Single(await TimerMessagesForAsync(later)).FollowUpId);
        Assert.All(await StatusesAsync(stopped), s => Assert.Equal(FollowUpStatus.Cancelled, s));   // what the opt-out cancelled stays cancelled
        Assert.Contains(await AuditAsync(clinic, stopped), e => e!["action"]!.GetValue<string>() == "contact-opted-in" && e["actorId"]!.GetValue<string>() == "sms-reply");
    }

    [Fact]
    public async Task After_the_email_opt_out_link_a_new_registration_with_that_address_gets_no_email()
    {
        var clinic = await ClinicAsync();
        var email = NewEmail();
        var (first, _) = await RegisterAsync(clinic, email: email, patientRef: "NSC-0105", date: "2026-02-26");
        await OptOutByLinkAsync(first);

        var (later, _) = await RegisterAsync(clinic, email: email.ToUpperInvariant(), patientRef: "NSC-0105");
        var (elsewhere, _) = await RegisterAsync(await app.CreateClinicAsync(name: "Spine Centre West"), email: email, patientRef: "W-1");

        Assert.Empty(await TimerMessagesForAsync(later));
        Assert.Empty(await TimerMessagesForAsync(elsewhere));
        Assert.All(await StatusesAsync(later), s => Assert.Equal(FollowUpStatus.Cancelled, s));
    }

    [Fact]
    public async Task An_opt_out_arriving_after_a_registration_elsewhere_is_honoured_when_the_timer_claims()
    {
        var (first, second) = (await ClinicAsync(), await app.CreateClinicAsync(name: "Spine Centre East"));
        var email = NewEmail();
        var (elsewhere, _) = await RegisterAsync(second, email: email, patientRef: "E-1");
        var (asking, _) = await RegisterAsync(first, email: email, patientRef: "NSC-0106", date: "2026-02-26");

        await OptOutByLinkAsync(asking);   // reaches only the first clinic's patient; the address is remembered
        var messages = await TimerMessagesForAsync(elsewhere);

        Assert.Empty(messages);
        Assert.All(await StatusesAsync(elsewhere), s => Assert.Equal(FollowUpStatus.Cancelled, s));
        Assert.Contains(await AuditAsync(second, elsewhere), e => e!["action"]!.GetValue<string>() == "follow-up-cancelled"
            && e["actor"]!.GetValue<string>() == "system" && e["actorId"]!.GetValue<string>() == "contact-opt-out");
    }

    [Fact]
    public async Task An_invitation_claimed_before_the_opt_out_is_not_handed_out_and_the_next_run_cancels_it()
    {
        var (first, second) = (await ClinicAsync(), await app.CreateClinicAsync(name: "Spine Centre Harbour"));
        var email = NewEmail();
        var (procedureId, _) = await RegisterAsync(second, email: email, patientRef: "H-1");
        var claimed = (await app.RunTimerAsync(deliver: false)).Single(m => m.FollowUpId == $"{procedureId}_1w");
        var (asking, _) = await RegisterAsync(first, email: email, patientRef: "NSC-0107", date: "2026-02-26");
        await OptOutByLinkAsync(asking);   // stops the first clinic's patient at once; the second clinic's only through the address

        var delivered = await app.DeliverAsync(claimed, Guid.NewGuid().ToString("N"));
        var next = await TimerMessagesForAsync(procedureId);

        Assert.Empty(delivered["Outputs"]!.AsObject());
        Assert.Contains("opted out", delivered["Logs"]![0]!.GetValue<string>());
        Assert.Empty(next);
        Assert.Equal(FollowUpStatus.Cancelled, (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record.Status);
    }

    [Fact]
    public async Task An_sms_opt_out_is_the_patients_opt_out_event_so_the_clinics_later_one_is_already_recorded()
    {
        var clinic = await ClinicAsync();
        var phone = SmsWebhook.NewPhone();
        var (procedureId, _) = await RegisterAsync(clinic, phone: phone, patientRef: "NSC-0108", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();

        var clinicsOwn = await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "opt_out", date = "2026-03-01" });

        Assert.Equal(HttpStatusCode.Conflict, clinicsOwn.StatusCode);
        Assert.Equal("event-already-recorded", (await clinicsOwn.ReadProblemAsync())["code"]!.GetValue<string>());
        var recorded = Assert.Single(await app.Service<Storage.IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
        Assert.Equal((PatientEventType.OptOut, "sms-reply"), (recorded.Event.Type, recorded.RecordedBy.Id));
    }

    [Fact]
    public async Task A_clinics_opt_out_event_is_remembered_for_the_contact_too()
    {
        var clinic = await ClinicAsync();
        var email = NewEmail();
        var (procedureId, _) = await RegisterAsync(clinic, email: email, patientRef: "NSC-0109", date: "2026-02-26");
        Assert.Equal(HttpStatusCode.Created, (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey,
            new { type = "opt_out", date = "2026-03-01" })).StatusCode);

        var (later, _) = await RegisterAsync(clinic, email: email, patientRef: "NSC-0109");

        Assert.Empty(await TimerMessagesForAsync(later));
    }

    [Fact]
    public async Task The_clinic_clears_the_opt_out_with_the_patients_consent_audited_with_its_key_and_the_next_registration_is_surveyed()
    {
        var clinic = await ClinicAsync();
        var (email, phone) = (NewEmail(), SmsWebhook.NewPhone());
        var (first, _) = await RegisterAsync(clinic, email: email, phone: phone, patientRef: "NSC-0110", date: "2026-02-26");
        await OptOutByLinkAsync(first);

        var cleared = await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{first}/contact/opt-out", clinic.ApiKey);
        var (later, _) = await RegisterAsync(clinic, email: email, phone: phone, patientRef: "NSC-0110");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Single(await TimerMessagesForAsync(later));
        var optedIn = Assert.Single(await AuditAsync(clinic, first), e => e!["action"]!.GetValue<string>() == "contact-opted-in");
        Assert.Equal(("clinic-key", clinic.KeyId, "2"), (optedIn!["actor"]!.GetValue<string>(), optedIn["actorId"]!.GetValue<string>(),
            optedIn["changes"]!["channelsCleared"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Another_clinic_cannot_clear_an_opt_out_through_a_procedure_not_its_own()
    {
        var clinic = await ClinicAsync();
        var email = NewEmail();
        var (first, _) = await RegisterAsync(clinic, email: email, patientRef: "NSC-0111", date: "2026-02-26");
        await OptOutByLinkAsync(first);
        var other = await app.CreateClinicAsync(name: "Spine Centre Elsewhere");

        var refused = await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{first}/contact/opt-out", other.ApiKey);
        var (later, _) = await RegisterAsync(clinic, email: email, patientRef: "NSC-0111");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await TimerMessagesForAsync(later));
    }

    [Fact]
    public async Task No_contact_reaches_a_table_key_an_audit_entry_or_a_log_in_clear()
    {
        var clinic = await ClinicAsync();
        var (email, phone) = (NewEmail(), SmsWebhook.NewPhone());
        var (first, _) = await RegisterAsync(clinic, email: email, phone: phone, patientRef: "NSC-0112", date: "2026-02-26");
        (await Sms.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();
        await OptOutByLinkAsync(first);
        var (later, _) = await RegisterAsync(clinic, email: email, phone: phone, patientRef: "NSC-0112");
        await app.RunTimerAsync();
        (await Sms.ReplyAsync(phone, "START")).EnsureSuccessStatusCode();
        await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{later}/contact/opt-out", clinic.ApiKey);

        var secrets = new[] { phone[1..], phone[^7..], email, email.Split('@')[0] };
        Assert.DoesNotContain(app.Logs.Lines, l => secrets.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("contact-opted-in", (await AuditAsync(clinic, later)).ToJsonString());
        foreach (var procedureId in new[] { first, later })
        {
            var audit = (await AuditAsync(clinic, procedureId)).ToJsonString();
            Assert.DoesNotContain(secrets, s => audit.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
        var service = new TableServiceClient(app.StorageConnection);
        var rows = 0;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(app.TablePrefix) >= 0 && t.Name.CompareTo(app.TablePrefix + "~") < 0))
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows++;
                Assert.DoesNotContain(secrets, s => JsonSerializer.Serialize(row).Contains(s, StringComparison.OrdinalIgnoreCase));
            }
        Assert.True(rows > 0);
    }
}
