using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Functions;
using Outcomes.Storage;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// The queue-triggered functions, through the local host's Service Bus over Azurite queues: a message that can never
/// be processed is refused with a 4xx at every delivery (never a 5xx), dead-lettered with that reason after the
/// maximum delivery count, and leaves nothing behind; a good message sent while such messages are being retried flows.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileQueueTests(HostileHost app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string[] NotEnvelopes = ["hostile: not an envelope", "{\"MessageId\":1,\"Body\":2}", "{\"MessageId\":\"x\",\"Body\":\"\\ud800\"}"];

    private TestClinic Clinic => new(app.World.ClinicId, app.World.ClinicKey, "", app.World.Today);

    /// <summary>
    /// The good answer is sent right behind the malformed ones, while they are being retried; it belongs to another
    /// clinic's procedure, so that what it stores (that procedure's rows, that clinic's tallies) is told apart from
    /// anything a malformed message might have left.
    /// </summary>
    [Fact]
    public async Task A_malformed_survey_response_is_dead_lettered_with_a_4xx_reason_and_later_answers_still_flow()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var world = app.World;
        var open = await Clinic.RegisterAsync(app.Host, $"HOSTILE-Q-OPEN-{run}", world.Today.AddDays(-7), $"hostile-q-open-{run}@example.org");
        var later = await new TestClinic(world.OtherClinicId, world.OtherClinicKey, "", world.Today)
            .RegisterAsync(app.Host, $"HOSTILE-Q-LATER-{run}", world.Today.AddDays(-7), $"hostile-q-later-{run}@example.org");
        var cipher = new ContactCipher(app.Host.ContactKeys);
        var good = SurveyResponseMessage.Create(new FollowUpId(later, TimePoint.OneWeek), world.Today, new SurveyAnswers(PainScore.From(3)),
            AuditActor.PatientLink("hostile-suite"), DateTimeOffset.UtcNow, cipher).ToQueueText();

        var report = await QueueRun.SendAsync(app, nameof(A_malformed_survey_response_is_dead_lettered_with_a_4xx_reason_and_later_answers_still_flow),
            SurveyResponseMessage.QueueName, nameof(RecordSurveyResponse), QueueProbes.SurveyResponses($"{open}_1w", world.Today, cipher), NotEnvelopes,
            andThen: () => app.Host.SendServiceBusMessageAsync(SurveyResponseMessage.QueueName, $"hostile-good-{run}", good),
            goodOnes: change => change.Contains(later, StringComparison.Ordinal) || change.Contains(world.OtherClinicId, StringComparison.Ordinal));
        var flowed = await FlowedAsync("the good answer sent behind the malformed ones is stored", async () => (await app.Host.AnswerRowsAsync(later)).Count == 1);

        (report with { Findings = [.. report.Findings, .. flowed] }).AssertClean();
        Assert.Contains("\"pain\":3", Assert.Single(await app.Host.AnswerRowsAsync(later)).GetString("Answers"));
    }

    /// <summary>
    /// An invitation is good when the timer made it; the timer changes the store, so the good one flows in a second
    /// round, beside a few of the malformed messages again, after the store was held to the first round alone.
    /// </summary>
    [Fact]
    public async Task A_malformed_survey_invitation_is_dead_lettered_with_a_4xx_reason_and_later_invitations_still_flow()
    {
        var test = nameof(A_malformed_survey_invitation_is_dead_lettered_with_a_4xx_reason_and_later_invitations_still_flow);
        var email = $"hostile-q-invited-{Guid.NewGuid().ToString("N")[..8]}@example.org";
        await Clinic.RegisterAsync(app.Host, $"HOSTILE-Q-INVITED-{email[18..26]}", app.World.Today.AddDays(-7), email);
        var bad = QueueProbes.SurveyInvitations();

        var alone = await QueueRun.SendAsync(app, test, SurveyInvitationMessage.QueueName, nameof(DeliverSurveyInvitation), bad, NotEnvelopes);
        var beside = await QueueRun.SendAsync(app, test, SurveyInvitationMessage.QueueName, nameof(DeliverSurveyInvitation),
            bad.Where((_, i) => i % 6 == 0).ToList(), [], checkStore: false, andThen: app.RunTimerAsync);
        var flowed = await FlowedAsync("the invitation the timer sent after the malformed ones reaches the outbox", () => Task.FromResult(app.Host.Mails(email).Count == 1));

        alone.And(beside, flowed).AssertClean();
        Assert.Equal(app.Host.Port, Assert.Single(app.Host.Mails(email)).SurveyLink.Port);
    }

    /// <summary>Nothing when <paramref name="happened"/> holds within the patience; else a finding saying what did not.</summary>
    private static async Task<IEnumerable<Finding>> FlowedAsync(string what, Func<Task<bool>> happened)
    {
        try
        {
            await Storage.EventuallyAsync(happened, done => done, Patience, what);
            return [];
        }
        catch (TimeoutException e)
        {
            return [new Finding("a good message did not flow past the malformed ones", new Probe("queue", what, "MESSAGE", "(good)"), null, e.Message)];
        }
    }
}
