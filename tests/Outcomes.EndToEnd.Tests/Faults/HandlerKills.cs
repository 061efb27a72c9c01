namespace Outcomes.EndToEnd.Tests;

/// <summary>The handler process killed (SIGKILL) again and again while it works, each time after the local host restarted it.</summary>
internal static class HandlerKills
{
    /// <summary>
    /// Kills the handler <paramref name="times"/> times: each time once the restarted handler has begun an invocation,
    /// a moment into it (so that the kill lands in the middle of work). Returns the killed process ids.
    /// </summary>
    public static async Task<List<int>> KillRepeatedlyAsync(LocalHostProcess host, int times, TimeSpan patience)
    {
        var killed = new List<int>();
        var random = new Random(times);
        for (var i = 0; i < times; i++)
        {
            var victim = host.HandlerPid;
            await host.WaitForLineAsync(l => l.Contains("Executing 'Functions.", StringComparison.Ordinal), patience,
                skip: host.Lines.Count);
            await Task.Delay(random.Next(50, 600));   // into the invocation, not a wait for a condition
            var seen = host.Lines.Count;
            ProcessSignals.Send("KILL", victim);
            killed.Add(victim);
            await host.WaitForLineAsync(l => l.Contains("is listening on port", StringComparison.Ordinal) && !l.Contains($" {victim} ", StringComparison.Ordinal),
                patience, skip: seen);
        }
        return killed;
    }
}
