using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage.Tables;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// Invitations when the handler dies in the middle of the timer's run, as processes through the local host: the claims
/// the dead run wrote are sent by the next run, and every patient gets exactly one invitation.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class InvitationFaultTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const int Patients = 100;

    [Fact]
    public async Task A_timer_run_killed_half_way_leaves_its_claims_to_the_next_run_and_every_patient_gets_one_invitation()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Killed Run");
        var run = Guid.NewGuid().ToString("N")[..8];
        var procedures = new List<string>();
        for (var i = 0; i < Patients; i++)
            procedures.Add(await clinic.RegisterAsync(host, $"KR-{run}-{i:D3}", clinic.Today.AddDays(-7), Email(run, i)));

        var victim = host.HandlerPid;
        var seen = host.Lines.Count;
        await host.RunTimerAsync();
        await Storage.EventuallyAsync(() => ClaimedAsync(clinic.ClinicId), claimed => claimed >= 1, Patience, "the run claiming its first follow-ups");
        ProcessSignals.Send("STOP", victim);   // frozen in the middle of its run, before it could answer the host with its messages
        var answeredBeforeTheFreeze = host.Lines.Skip(seen).Any(l => l.Contains("Executed 'Functions.SendFollowUpSurveys' (Succeeded"));
        var claimedWhenKilled = await ClaimedAsync(clinic.ClinicId);
        ProcessSignals.Send("KILL", victim);
        await host.WaitForLineAsync(l => l.Contains("is listening on port") && !l.Contains($" {victim} "), Patience, skip: seen);

        await host.RunTimerAsync();
        await Storage.EventuallyAsync(() => CountAsync(procedures, r => r.GetString("MessageDeliveredBy") is not null),
            delivered => delivered == Patients, Patience, "every invitation handed out");
        var handedOutBy = await DeliveredByAsync(procedures);
        await host.RunTimerAsync();
        await host.WhenInvitationsSettledAsync(Patience);

        Assert.False(answeredBeforeTheFreeze);                 // the killed run never handed its messages to the host
        Assert.InRange(claimedWhenKilled, 1, Patients);       // and had claimed some (or all) of the follow-ups
        var mails = Enumerable.Range(0, Patients).Select(i => host.Mails(Email(run, i))).ToList();
        Assert.All(mails, m => Assert.Single(m));
        Assert.Equal(handedOutBy, await DeliveredByAsync(procedures));   // the third run handed nothing out again
    }

    private static string Email(string run, int i) => $"kr-{run}-{i:D3}@example.org";

    /// <summary>The clinic's follow-ups no longer pending, by one query (fast enough to catch the run in the middle).</summary>
    private async Task<int> ClaimedAsync(string clinicId)
    {
        var table = new TableClient(host.StorageConnectionString, "Procedures");
        return (await table.QueryAsync<TableEntity>($"TallyClinic eq '{clinicId}' and Status ne 'pending'", select: ["Status"]).ToListAsync()).Count;
    }

    private async Task<List<TableEntity>> OneWeekRowsAsync(IEnumerable<string> procedures)
    {
        var table = new TableClient(host.StorageConnectionString, "Procedures");
        var rows = new List<TableEntity>();
        foreach (var id in procedures)
            rows.Add((await table.GetEntityAsync<TableEntity>(id, ProcedureRows.FollowUp(id, TimePoint.OneWeek))).Value);
        return rows;
    }

    private async Task<int> CountAsync(IEnumerable<string> procedures, Func<TableEntity, bool> holds) =>
        (await OneWeekRowsAsync(procedures)).Count(holds);

    private async Task<List<string?>> DeliveredByAsync(IEnumerable<string> procedures) =>
        (await OneWeekRowsAsync(procedures)).Select(r => (string?)r.GetString("MessageDeliveredBy")).ToList();

}
