using System.Net;
using System.Net.Http.Json;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Storage gone longer than the storage SDK's retries (the local host's queue client: 3 retries; the handler's table
/// client: 2), with the local host running: answers are refused meanwhile with a problem, and afterwards the same local
/// host's listeners deliver again without a restart. Its own local host, so that no other test sees the outage.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly LocalHostProcess host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task After_storage_was_away_longer_than_the_sdk_retries_answers_are_delivered_again_and_nothing_acknowledged_before_is_lost()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Outage");
        var cohort = new FaultCohort(host, clinic);
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 6; i++)
            await cohort.RegisterAsync($"SO-{run}-{i}", ("vertebroplasty", "osteoporotic", clinic.Today.AddDays(-7), ["L1"], 7));
        await host.RunTimerAsync();
        await host.WhenInvitationsSettledAsync(FaultCohort.Patience);
        var links = cohort.Patients.Select(p => Assert.Single(host.Mails(p.Email)).SurveyLink).ToList();
        foreach (var i in new[] { 0, 1, 2 })
            Assert.Equal(HttpStatusCode.Accepted, (await cohort.AnswerThroughLinkAsync(cohort.Patients[i], links[i], 2 + i)).StatusCode);
        // Stored before storage goes: a delivery the outage cuts short comes back only when its 5-minute lock expires (its
        // abandon cannot reach storage either), as with Service Bus's lock, which is longer than this test may take. An
        // empty queue is not enough: a message being delivered is invisible there.
        await Storage.EventuallyAsync(async () => (Stored: (await Task.WhenAll(cohort.ProcedureIds.Take(3).Select(host.AnswerRowsAsync))).Count(r => r.Count == 1),
                Queued: (await host.PeekEnvelopesAsync("survey-responses")).Count, Quiet: Storage.Quiet(host, "RecordSurveyResponse")),
            s => s is { Stored: 3, Queued: 0, Quiet: true }, FaultCohort.Patience, "the answers before the outage stored");

        var seen = host.Lines.Count;
        var outage = await AzuriteOutage.BeginAsync(host);
        foreach (var function in new[] { "RecordSurveyResponse", "DeliverSurveyInvitation" })   // each line: the SDK's retries ran out
            await Storage.EventuallyAsync(() => Task.FromResult(host.Lines.Skip(seen).Count(l => l.Contains($"Listener of 'Functions.{function}' could not read queue", StringComparison.Ordinal))),
                failures => failures >= 2, FaultCohort.Patience, $"the {function} listener failing twice in a row");
        var refused = await host.Client.PostAsJsonAsync(links[3].PathAndQuery, new { pain = 5 });
        var health = await host.Client.GetAsync("/api/health");
        await outage.EndAsync();

        // Refused as "storage unavailable, try again" (503 with Retry-After), not an unexplained 500: nothing was acknowledged.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("storage-unavailable", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        await Storage.EventuallyAsync(async () => (await host.Client.GetAsync("/api/health")).StatusCode, s => s == HttpStatusCode.OK, FaultCohort.Patience, "health 200 again");
        foreach (var i in new[] { 3, 4, 5 })
            Assert.Equal(HttpStatusCode.Accepted, (await cohort.AnswerThroughLinkAsync(cohort.Patients[i], links[i], 2 + i)).StatusCode);
        try
        {
            await Storage.EventuallyAsync(async () => (await Task.WhenAll(cohort.ProcedureIds.Select(host.AnswerRowsAsync))).Count(r => r.Count == 1),
                stored => stored == 6, FaultCohort.Patience, "all six answers stored");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nThe local host said:\n{string.Join("\n", host.Lines.Skip(seen).TakeLast(120))}", e);
        }
        await cohort.SettleAsync();

        Assert.DoesNotContain(host.Lines.Skip(seen), l => l.Contains("Outcomes local host is listening", StringComparison.Ordinal));   // the same local host throughout
        await cohort.AssertEveryAcknowledgedAnswerStoredOnceWithItsAuditEntryAsync();
        await cohort.AssertEveryInvitationSentOnceAsync();
        await cohort.AssertTalliesEqualRecountAsync();
    }
}
