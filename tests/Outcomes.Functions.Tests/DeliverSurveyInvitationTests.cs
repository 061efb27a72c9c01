using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outcomes.Domain.Surveys;

namespace Outcomes.Functions.Tests;

/// <summary>DeliverSurveyInvitation as the host delivers survey-invitations messages. The clock says 2026-03-01 10:00 in Amsterdam.</summary>
public sealed partial class DeliverSurveyInvitationTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId, SurveyInvitationMessage Invitation)> InvitedAsync(
        string? email = "patient.one@example.org", string? phone = null, string language = "en")
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync("Spine Centre <North>");
        var procedureId = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", "NSC-" + Random.Shared.Next(1000, 9999), email, phone, language));
        return (clinic, procedureId, Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId)));
    }

    private Task<JsonObject> DeliverAsync(SurveyInvitationMessage message) => app.DeliverAsync(message, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_invitation_becomes_an_email_with_a_signed_link_that_closes_with_the_survey_and_a_one_click_opt_out()
    {
        var (_, procedureId, invitation) = await InvitedAsync();

        var result = await DeliverAsync(invitation);

        var mail = result["Outputs"]!["email"]!;
        Assert.Null(result["Outputs"]!["sms"]);
        Assert.Equal("patient.one@example.org", mail["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>());
        Assert.Equal("Spine Centre <North> asks: how is your back?", mail["subject"]!.GetValue<string>());
        var text = mail["content"]![0]!["value"]!.GetValue<string>();
        var link = Link().Match(text);
        Assert.True(link.Success, text);
        var check = Assert.IsType<SurveyTokenCheck.Valid>(app.Service<SurveyLinks>().Verify(link.Groups["token"].Value, app.Clock.Now));
        Assert.Equal($"{procedureId}_1w", check.FollowUpId);
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 0, 0, 0, TimeSpan.FromHours(1)), check.ExpiresAt);   // the 1m survey is due 2026-03-22, Amsterdam midnight
        Assert.Equal($"<{OutcomesApp.PublicBaseUrl}/api/surveys/{link.Groups["token"].Value}/opt-out>", mail["headers"]!["List-Unsubscribe"]!.GetValue<string>());
        Assert.Contains("&lt;North&gt;", mail["content"]![1]!["value"]!.GetValue<string>());
        Assert.DoesNotContain("example.org", string.Join(" ", result["Logs"]!.AsArray()));
    }

    [Fact]
    public async Task A_patient_with_only_a_phone_gets_an_sms_in_their_language()
    {
        var (_, _, invitation) = await InvitedAsync(email: null, phone: "+34 612 345 678", language: "es");

        var result = await DeliverAsync(invitation);

        var sms = result["Outputs"]!["sms"]!;
        Assert.Null(result["Outputs"]!["email"]);
        Assert.Equal("+34612345678", sms["to"]!.GetValue<string>().Replace(" ", ""));
        Assert.Contains("quiere saber cómo está su espalda", sms["body"]!.GetValue<string>());
        Assert.Matches(Link(), sms["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reminder_says_how_many_days_are_left()
    {
        var (_, procedureId, invitation) = await InvitedAsync();
        app.Clock.Now = app.Clock.Now.AddDays(7);
        await DeliverAsync(invitation);
        var reminder = Assert.Single(await app.RunTimerAsync(deliver: false), m => m.FollowUpId.StartsWith(procedureId));

        var result = await DeliverAsync(reminder);

        Assert.Equal(1, reminder.Reminder);
        Assert.Equal(invitation.InvitationId, reminder.InvitationId);
        Assert.Equal("Reminder from Spine Centre <North>: 14 days left to answer", result["Outputs"]!["email"]!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_survey_answered_meanwhile_or_a_patient_whose_contact_was_erased()
    {
        var (clinic, procedureId, invitation) = await InvitedAsync();
        (await app.SendAsync(HttpMethod.Delete, $"/api/procedures/{procedureId}/contact", clinic.ApiKey)).EnsureSuccessStatusCode();
        Assert.Empty((await DeliverAsync(invitation))["Outputs"]!.AsObject());

        var (_, other, answeredInvitation) = await InvitedAsync();
        var (_, message) = await app.SubmitAsync(app.TokenFor($"{other}_1w"), "{\"pain\":2}");
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();
        Assert.Empty((await DeliverAsync(answeredInvitation))["Outputs"]!.AsObject());
    }

    [Fact]
    public async Task A_message_is_handed_out_once_a_retry_of_its_failed_delivery_sends_again_and_a_replay_sends_nothing()
    {
        var (_, procedureId, invitation) = await InvitedAsync();

        var first = await app.DeliverAsync(invitation, "m-1");
        var retry = await app.DeliverAsync(invitation, "m-1");      // the same queue message again: its first attempt did not complete
        var replay = await app.DeliverAsync(invitation, "m-2");     // the same invitation in another message

        Assert.NotNull(first["Outputs"]!["email"]);
        Assert.NotNull(retry["Outputs"]!["email"]);
        Assert.Empty(replay["Outputs"]!.AsObject());
        var trail = await app.Service<Outcomes.Storage.IAuditTrail>().ReadAsync(Outcomes.Storage.AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var sent = Assert.Single(trail, e => e.Action == "follow-up-message-sent");
        Assert.Equal(("invitation", "email", invitation.InvitationId), (sent.Changes["message"], sent.Changes["channel"], sent.Changes["invitationId"]));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"invitationId\":\"x\",\"followUpId\":\"nope\"}")]
    [InlineData("{\"invitationId\":\"x\",\"followUpId\":\"abc_1w\",\"reminder\":3}")]
    [InlineData("{\"invitationId\":\"x\",\"followUpId\":\"0123456789abcdef_1w\"}")]
    public async Task A_message_that_can_never_be_delivered_fails_with_a_reason(string text)
    {
        var response = await app.Client.PostAsync("/DeliverSurveyInvitation", Invocations.ServiceBus("invitation", text, "m-bad"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("m-bad", (await response.ReadObjectAsync())["detail"]!.GetValue<string>());
    }

    [GeneratedRegex(@"https://outcomes\.example\.org/api/surveys/(?<token>[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)(?![A-Za-z0-9_/-])")]
    private static partial Regex Link();
}
