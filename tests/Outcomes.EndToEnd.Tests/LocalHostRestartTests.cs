using System.Diagnostics;
using System.Net;

namespace Outcomes.EndToEnd.Tests;

/// <summary>The local host killed (SIGKILL) and started again on the same data folder, as a developer's machine sees it.</summary>
public sealed class LocalHostRestartTests
{
    [Fact]
    public async Task Storage_outlives_a_killed_local_host_and_the_restarted_one_uses_it_instead_of_starting_a_second()
    {
        var first = new LocalHostProcess();
        await first.InitializeAsync();
        LocalHostProcess? second = null;
        int? orphanedHandler = null;
        try
        {
            var clinic = await TestClinic.CreateInDaytimeAsync(first, "Spine Centre Restart");
            var procedureId = await clinic.RegisterAsync(first, "NSC-9001", clinic.Today.AddDays(-8), "patient@example.org");
            var azurite = first.AzuritePid;
            orphanedHandler = first.HandlerPid;

            await first.KillHostOnlyAsync();
            Assert.False(Process.GetProcessById(azurite).HasExited);

            second = LocalHostProcess.RestartOf(first);
            await second.InitializeAsync();

            Assert.Contains(second.Lines, l => l.Contains("Azurite was still running on", StringComparison.Ordinal));
            Assert.Equal(azurite, second.AzuritePid);
            Assert.Single(AzuritesOn(first.AzuriteFolder));
            var procedure = await second.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}", clinic.ApiKey, null, HttpStatusCode.OK);
            Assert.Equal("NSC-9001", procedure["patientRef"]!.GetValue<string>());
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
            if (orphanedHandler is { } pid)
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Answers_acknowledged_before_the_local_host_was_killed_are_stored_and_counted_once_after_its_restart()
    {
        var first = new LocalHostProcess();
        await first.InitializeAsync();
        LocalHostProcess? second = null;
        int? orphanedHandler = null;
        try
        {
            var clinic = await TestClinic.CreateInDaytimeAsync(first, "Spine Centre Killed Host");
            var cohort = new FaultCohort(first, clinic);
            var run = Guid.NewGuid().ToString("N")[..6];
            for (var i = 0; i < 8; i++)
                await cohort.RegisterAsync($"KH-{run}-{i}", ("vertebroplasty", i % 2 == 0 ? "osteoporotic" : "malignant", clinic.Today.AddDays(-7), ["T12"], 5 + i % 4));
            await first.RunTimerAsync();
            await first.WhenInvitationsSettledAsync(FaultCohort.Patience);
            foreach (var patient in cohort.Patients)   // every patient answers; the host dies with answers still on the queue
                Assert.Equal(HttpStatusCode.Accepted, (await cohort.AnswerThroughLinkAsync(patient, Assert.Single(first.Mails(patient.Email)).SurveyLink, 2 + cohort.Patients.IndexOf(patient))).StatusCode);
            orphanedHandler = first.HandlerPid;
            await first.KillHostOnlyAsync();

            second = LocalHostProcess.RestartOf(first);
            await second.InitializeAsync();
            var restarted = cohort.On(second);
            // A message the killed host had taken stays locked (invisible) for the lock it held, 5 minutes, as on Service
            // Bus; only then is it delivered again. Every answer is stored once that queue is empty, locked ones included.
            await Storage.EventuallyAsync(() => second.MessagesOnQueueAsync("survey-responses"), n => n == 0,
                TimeSpan.FromMinutes(6), "every answer message delivered, those the killed host had locked included");
            await restarted.SettleAsync();

            await restarted.AssertEveryAcknowledgedAnswerStoredOnceWithItsAuditEntryAsync();
            await restarted.AssertEveryInvitationSentOnceAsync();
            await restarted.AssertTalliesEqualRecountAsync();
            Assert.All(cohort.Patients, p => Assert.NotNull(p.AcknowledgedPain));
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
            if (orphanedHandler is { } pid)
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            await first.DisposeAsync();
        }
    }

    /// <summary>Running Azurite processes whose command line names this data folder.</summary>
    private static List<int> AzuritesOn(string folder) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => int.TryParse(d, out _)).Select(int.Parse!)
            .Where(pid =>
            {
                try
                {
                    var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                    return args.Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal)) && args.Contains(folder);
                }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            }).ToList();
}
