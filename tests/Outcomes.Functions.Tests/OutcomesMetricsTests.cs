using System.Net;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The metrics Outcomes records about its work, heard through a MeterListener while the handler does it.</summary>
public sealed class OutcomesMetricsTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private async Task<string> RegisterAsync(string patientRef, string? email = "patient.one@example.org", string? phone = null) =>
        await app.RegisterAsync(await app.CreateClinicAsync(), Pipeline.Registration("2026-02-22", patientRef, email, phone));

    private string AnswerMessage(string procedureId, int pain = 3) => SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek),
        new DateOnly(2026, 3, 1), new SurveyAnswers(PainScore.From(pain)), AuditActor.PatientLink("ref"), app.Clock.Now, app.Service<ContactCipher>()).ToQueueText();

    [Fact]
    public async Task An_invitation_handed_out_counts_once_by_its_channel_and_a_copy_of_it_counts_as_a_duplicate()
    {
        await RegisterAsync("NSC-M01");
        await RegisterAsync("NSC-M02", email: null, phone: "+15550123456");
        var messages = await app.RunTimerAsync(deliver: false);
        using var metrics = new MeasuredMetrics(app);

        foreach (var message in messages)
            await app.DeliverAsync(message, "first-" + message.InvitationId);
        await app.DeliverAsync(messages[0], "copy-" + messages[0].InvitationId);

        // The run may also invite other tests' patients (one app for the class); only this test's has no e-mail address.
        var sent = metrics.Of("outcomes.invitations.sent").Select(t => t["outcomes.channel"]).ToList();
        Assert.Equal(messages.Count, sent.Count);
        Assert.Single(sent, c => c == "sms");
        Assert.All(sent, c => Assert.Contains(c, new[] { "email", "sms" }));
        Assert.Empty(metrics.Of("outcomes.reminders.sent"));
        Assert.Equal("survey-invitations", Assert.Single(metrics.Of("outcomes.duplicates.ignored"))["outcomes.queue"]);
    }

    [Fact]
    public async Task An_answer_recorded_counts_by_its_time_point_and_its_redelivery_counts_as_a_duplicate()
    {
        var text = AnswerMessage(await RegisterAsync("NSC-M03"));
        using var metrics = new MeasuredMetrics(app);

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(text, "m-1", deliveryCount: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverResponseAsync(text, "m-1", deliveryCount: 2)).StatusCode);

        Assert.Equal("1w", Assert.Single(metrics.Of("outcomes.answers.recorded"))["outcomes.time_point"]);
        Assert.Equal("survey-responses", Assert.Single(metrics.Of("outcomes.duplicates.ignored"))["outcomes.queue"]);
    }

    [Theory]
    [InlineData(9, 0)]    // Service Bus delivers it again
    [InlineData(10, 1)]   // the queues' maximum delivery count (10): Service Bus dead-letters it now
    public async Task A_poison_message_counts_as_dead_lettered_only_when_rejected_on_its_last_delivery(int deliveryCount, int counted)
    {
        using var metrics = new MeasuredMetrics(app);

        var response = await app.DeliverResponseAsync("""{"responseId":"not a message"}""", "poison", deliveryCount);
        var invitation = await app.Client.PostAsync("/DeliverSurveyInvitation", Invocations.ServiceBus("invitation", "{}", "poison-2", deliveryCount));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (response.StatusCode, invitation.StatusCode));
        Assert.Equal(counted, metrics.Of("outcomes.messages.dead_lettered").Count(t => t["outcomes.queue"] == "survey-responses"));
        Assert.Equal(counted, metrics.Of("outcomes.messages.dead_lettered").Count(t => t["outcomes.queue"] == "survey-invitations"));
    }

    [Fact]
    public async Task Each_report_built_records_its_duration_by_format()
    {
        var clinic = await app.CreateClinicAsync();
        using var metrics = new MeasuredMetrics(app);

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey)).StatusCode);
        using (var csv = new HttpRequestMessage(HttpMethod.Get, "/api/reports/outcomes"))
        {
            csv.Headers.Authorization = new("Bearer", clinic.ApiKey);
            csv.Headers.Accept.ParseAdd("text/csv");
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(csv)).StatusCode);
        }

        var durations = metrics.All.Where(m => m.Instrument == "outcomes.report.duration").ToList();
        Assert.Equal(["csv", "json"], durations.Select(d => d.Tags["outcomes.report.format"]).Order());
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 60));
    }

    [Fact]
    public async Task No_measurement_carries_a_tag_outside_the_few_fixed_words()
    {
        await RegisterAsync("NSC-M04");
        using var metrics = new MeasuredMetrics(app);
        foreach (var message in await app.RunTimerAsync(deliver: false))
            await app.DeliverAsync(message, "m-" + message.InvitationId);

        Assert.NotEmpty(metrics.All);
        Assert.All(metrics.All.SelectMany(m => m.Tags), tag => Assert.Contains(tag.Value, new[] { "email", "sms", "1w", "1m", "3m", "6m", "12m", "survey-invitations", "survey-responses", "json", "csv" }));
    }
}
