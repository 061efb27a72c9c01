using System.Net;
using System.Net.Http.Json;

namespace Outcomes.EndToEnd.Tests;

/// <summary>The follow-up timer run through the local host's admin route, and waiting for what it sent to be delivered.</summary>
internal static class TimerRuns
{
    public static async Task RunTimerAsync(this LocalHostProcess host)
    {
        var response = await host.Client.PostAsJsonAsync("/admin/functions/SendFollowUpSurveys", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>
    /// The latest timer run finished (its messages are queued before it says so), and every delivery of them finished:
    /// nothing left on <c>survey-invitations</c> and no <c>DeliverSurveyInvitation</c> still running.
    /// </summary>
    public static async Task WhenInvitationsSettledAsync(this LocalHostProcess host, TimeSpan within)
    {
        await host.WaitForLineAsync(l => l.Contains("Executed 'Functions.SendFollowUpSurveys' (Succeeded"), within,
            skip: host.Lines.Count(l => l.Contains("Executed 'Functions.SendFollowUpSurveys'")) - 1);
        await Storage.EventuallyAsync(async () => (
                Queued: (await host.PeekEnvelopesAsync("survey-invitations")).Count,
                Running: Count(host, "Executing 'Functions.DeliverSurveyInvitation'") - Count(host, "Executed 'Functions.DeliverSurveyInvitation'")),
            s => s is { Queued: 0, Running: 0 }, within, "the invitations queue drained");
    }

    private static int Count(LocalHostProcess host, string text) => host.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));
}
