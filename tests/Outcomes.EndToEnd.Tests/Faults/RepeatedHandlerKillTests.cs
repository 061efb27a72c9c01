using System.Net;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The handler killed (SIGKILL) again and again while patients answer, the clinic records events and enters answers
/// taken by phone, and the timer invites, all through the local host's public doors: nothing acknowledged is lost,
/// nothing is sent or counted twice.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class RepeatedHandlerKillTests(LocalHostProcess host)
{
    private const int Kills = 4;

    [Fact]
    public async Task Answers_events_and_invitations_flowing_while_the_handler_is_killed_again_and_again_are_kept_sent_and_counted_once()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Repeated Kills");
        var cohort = new FaultCohort(host, clinic);
        var (week, month) = (clinic.Today.AddDays(-7), clinic.Today.AddMonths(-1));
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 20; i++)
        {
            var (reference, baseline) = ($"RK-{run}-{i:D2}", 4 + i % 7);
            if (i < 4)        // an earlier procedure, registered late (all its surveys missed): the patient counts in its cell
                await cohort.RegisterAsync(reference, ("vertebroplasty", "osteoporotic", week, ["T12"], baseline), ("kyphoplasty", "traumatic", clinic.Today.AddYears(-3), ["L1", "L2"], baseline));
            else if (i < 6)   // registered a month late: the one-week survey is missed at registration, the one-month one due
                await cohort.RegisterAsync(reference, ("kyphoplasty", "osteoporotic", month, ["L3"], baseline));
            else
                await cohort.RegisterAsync(reference, ("vertebroplasty", i % 2 == 0 ? "osteoporotic" : "malignant", week, ["T11", "T12"], baseline));
        }
        var patients = cohort.Patients;
        var byPhone = patients.GetRange(16, 2);
        var stopped = new[] { (patients[18], "withdrawal"), (patients[19], "death"), (patients[3], "death"), (patients[11], "opt_out") };
        var throughLinks = patients.Except(byPhone).Except([patients[18], patients[19]]).ToList();

        var kills = HandlerKills.KillRepeatedlyAsync(host, Kills, FaultCohort.Patience);
        var answers = AnswerAsInvitationsArriveAsync(cohort, throughLinks);
        var flows = new[] { answers, RunTimerUntilAsync(Task.WhenAll(kills, answers)), RecordEventsAsync(cohort, stopped), AnswerByPhoneAsync(cohort, byPhone) };
        var killed = await kills;
        await Task.WhenAll(flows);
        await cohort.SettleAsync();

        Assert.Equal(Kills, killed.Distinct().Count());
        Assert.DoesNotContain(host.HandlerPid, killed);
        await cohort.AssertEveryAcknowledgedAnswerStoredOnceWithItsAuditEntryAsync();
        await cohort.AssertEveryInvitationSentOnceAsync();
        await cohort.AssertTalliesEqualRecountAsync();
        Assert.All(throughLinks.Where(p => !p.StoppedByEvent).Concat(byPhone), p => Assert.NotNull(p.AcknowledgedPain));
    }

    /// <summary>The hourly timer, run again each time its last run ended (succeeded or died with the handler), until the kills are over.</summary>
    private async Task RunTimerUntilAsync(Task done)
    {
        while (!done.IsCompleted)
        {
            var runs = host.Lines.Count(l => l.Contains("Executed 'Functions.SendFollowUpSurveys'", StringComparison.Ordinal));
            await host.RunTimerAsync();
            await Storage.EventuallyAsync(() => Task.FromResult(host.Lines.Count(l => l.Contains("Executed 'Functions.SendFollowUpSurveys'", StringComparison.Ordinal))),
                n => n > runs, FaultCohort.Patience, "the timer run ending");
        }
    }

    private static async Task RecordEventsAsync(FaultCohort cohort, IEnumerable<(FaultPatient Patient, string Type)> events)
    {
        foreach (var (patient, type) in events)
        {
            await Task.Delay(1500);   // spread over the kills
            await cohort.RecordEventAsync(patient, type);
        }
    }

    private static async Task AnswerByPhoneAsync(FaultCohort cohort, IEnumerable<FaultPatient> patients)
    {
        foreach (var patient in patients)
        {
            await Task.Delay(2000);   // spread over the kills
            var answered = await cohort.AnswerByPhoneAsync(patient, patient.ProcedureIds[0], "1w", 3);
            Assert.True(answered.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{patient.Ref}: {answered.StatusCode}");
        }
    }

    /// <summary>Each patient answers as soon as their invitation is in the outbox; one stopped by an event may find the survey closed.</summary>
    private async Task AnswerAsInvitationsArriveAsync(FaultCohort cohort, List<FaultPatient> patients)
    {
        var waiting = patients.ToList();
        await Storage.EventuallyAsync(async () =>
        {
            foreach (var patient in waiting.ToList())
            {
                if (host.Mails(patient.Email) is not [var mail, ..])
                {
                    if (patient.EventRecorded)
                        waiting.Remove(patient);   // stopped before an invitation was claimed for them
                    continue;
                }
                var answered = await cohort.AnswerThroughLinkAsync(patient, mail.SurveyLink, cohort.Patients.IndexOf(patient) % 11);
                Assert.True(answered.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict || patient.StoppedByEvent && answered.StatusCode == HttpStatusCode.Gone,
                    $"{patient.Ref}: {answered.StatusCode} {await answered.Content.ReadAsStringAsync()}");
                waiting.Remove(patient);
            }
            return waiting.Count;
        }, left => left == 0, TimeSpan.FromSeconds(150), "every invited patient answering");
    }
}
