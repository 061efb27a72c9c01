using System.Collections.Concurrent;

namespace Outcomes.LocalHost;

/// <summary>Which trigger loops (queue listeners, timer schedules) are not running right now, and why.</summary>
internal sealed class TriggerHealth
{
    private readonly ConcurrentDictionary<string, string> down = new(StringComparer.Ordinal);

    public void Running(string loop) => down.TryRemove(loop, out _);

    public void Down(string loop, string why) => down[loop] = why;

    public IReadOnlyDictionary<string, string> NotRunning => new SortedDictionary<string, string>(down, StringComparer.Ordinal);
}
