using System.Net;
using System.Net.Http.Json;

namespace Outcomes.EndToEnd.Tests;

/// <summary>The follow-up timer run through the local host's admin route, and waiting for what it sent to be delivered.</summary>
internal static partial class TimerRuns
{
    public static async Task RunTimerAsync(this LocalHostProcess host)
    {
        var response = await host.Client.PostAsJsonAsync("/admin/functions/SendFollowUpSurveys", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>
    /// The latest timer run finished (its messages are queued before it says so), and every delivery of them finished:
    /// as many <c>DeliverSurveyInvitation</c> runs since it began as it queued messages (its log line says how many; a
    /// message being delivered is invisible on the queue, so an empty queue alone is not enough), nothing left on
    /// <c>survey-invitations</c> and none still running.
    /// </summary>
    public static async Task WhenInvitationsSettledAsync(this LocalHostProcess host, TimeSpan within)
    {
        await host.WaitForLineAsync(l => l.Contains("Executed 'Functions.SendFollowUpSurveys' (Succeeded"), within,
            skip: host.Lines.Count(l => l.Contains("Executed 'Functions.SendFollowUpSurveys'")) - 1);
        var lines = host.Lines.ToList();
        var began = lines.FindLastIndex(l => l.Contains("Executing 'Functions.SendFollowUpSurveys'", StringComparison.Ordinal));
        var summary = Summary().Match(lines.Skip(began).FirstOrDefault(l => Summary().IsMatch(l)) ?? "");
        var queued = summary.Success ? new[] { "invitations", "reminders", "again" }.Sum(g => int.Parse(summary.Groups[g].Value)) : 0;
        await Storage.EventuallyAsync(async () => (
                Delivered: host.Lines.Skip(began).Count(l => l.Contains("Executed 'Functions.DeliverSurveyInvitation'", StringComparison.Ordinal)),
                Queued: (await host.PeekEnvelopesAsync("survey-invitations")).Count,
                Running: Count(host, "Executing 'Functions.DeliverSurveyInvitation'") - Count(host, "Executed 'Functions.DeliverSurveyInvitation'")),
            s => s.Delivered >= queued && s is { Queued: 0, Running: 0 }, within, $"the {queued} messages of the run delivered");
    }

    /// <summary>How many messages every timer run of this host queued, by the runs' own log lines.</summary>
    public static int MessagesQueuedByTimerRuns(this LocalHostProcess host) =>
        host.Lines.Select(l => Summary().Match(l)).Where(m => m.Success)
            .Sum(m => new[] { "invitations", "reminders", "again" }.Sum(g => int.Parse(m.Groups[g].Value)));

    [System.Text.RegularExpressions.GeneratedRegex(@"Follow-up round[^:]*: (?<invitations>\d+) invitations for \d+ follow-ups, (?<reminders>\d+) reminders, (?<again>\d+) messages queued again")]
    private static partial System.Text.RegularExpressions.Regex Summary();

    private static int Count(LocalHostProcess host, string text) => host.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));
}
