namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Timer runs that overlap: two instances of the app on the same storage and queues (as Azure scales out), each running
/// the timer twice at once with the other. Each due follow-up is claimed by one run only, each patient gets one
/// invitation, and the tallies equal a recount of the stored rows.
/// </summary>
public sealed class OverlappingTimerRunTests
{
    [Fact]
    public async Task Timer_runs_overlapping_on_two_instances_invite_each_patient_once_and_count_each_claim_once()
    {
        var first = new LocalHostProcess();
        await first.InitializeAsync();
        LocalHostProcess? second = null;
        try
        {
            second = LocalHostProcess.SecondInstanceOf(first);
            await second.InitializeAsync();
            var clinic = await TestClinic.CreateInDaytimeAsync(first, "Spine Centre Overlapping Runs");
            var cohort = new FaultCohort(first, clinic);
            var run = Guid.NewGuid().ToString("N")[..6];
            for (var i = 0; i < 30; i++)
            {
                if (i % 5 == 0)   // two procedures: one invitation covers both follow-ups
                    await cohort.RegisterAsync($"OT-{run}-{i:D2}", ("vertebroplasty", "osteoporotic", clinic.Today.AddDays(-7), ["T12"], 7),
                        ("kyphoplasty", "traumatic", clinic.Today.AddDays(-9), ["L1"], 6));
                else
                    await cohort.RegisterAsync($"OT-{run}-{i:D2}", ("vertebroplasty", i % 2 == 0 ? "osteoporotic" : "malignant", clinic.Today.AddDays(-8), ["L2"], 4 + i % 6));
            }

            var (ranOnFirst, ranOnSecond) = (TimerRunsEnded(first), TimerRunsEnded(second));
            await Task.WhenAll(first.RunTimerAsync(), second.RunTimerAsync(), first.RunTimerAsync(), second.RunTimerAsync());
            await Storage.EventuallyAsync(() => Task.FromResult((TimerRunsEnded(first) - ranOnFirst, TimerRunsEnded(second) - ranOnSecond)),
                n => n is (2, 2), FaultCohort.Patience, "the four timer runs ending");
            var queued = first.MessagesQueuedByTimerRuns() + second.MessagesQueuedByTimerRuns();
            Assert.True(queued > 0);
            await Storage.EventuallyAsync(async () => (Delivered: Deliveries(first) + Deliveries(second), Queued: (await first.PeekEnvelopesAsync("survey-invitations")).Count,
                    Quiet: Storage.Quiet(first, "DeliverSurveyInvitation") && Storage.Quiet(second, "DeliverSurveyInvitation")),
                s => s.Delivered >= queued && s is { Queued: 0, Quiet: true }, FaultCohort.Patience, "both instances delivering every invitation the runs queued");
            await second.DisposeAsync();   // what is left to settle, the first instance settles alone
            second = null;
            await cohort.SettleAsync();

            await cohort.AssertEveryInvitationSentOnceAsync();
            await cohort.AssertTalliesEqualRecountAsync();
            Assert.All(cohort.Patients, p => Assert.Single(first.Mails(p.Email)));
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    private static int Deliveries(LocalHostProcess host) =>
        host.Lines.Count(l => l.Contains("Executed 'Functions.DeliverSurveyInvitation'", StringComparison.Ordinal));

    private static int TimerRunsEnded(LocalHostProcess host) =>
        host.Lines.Count(l => l.Contains("Executed 'Functions.SendFollowUpSurveys'", StringComparison.Ordinal));
}
