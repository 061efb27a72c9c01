using System.Diagnostics;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>A fixed number of clients working through a list, each starting the next item as soon as its last one is done.</summary>
internal static class Concurrently
{
    /// <summary>Runs <paramref name="work"/> for items 0..count-1 with <paramref name="clients"/> in flight; returns the elapsed time.</summary>
    public static async Task<TimeSpan> RunAsync(int count, int clients, Func<int, Task> work)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, count)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                await work(i);
        })));
        return clock.Elapsed;
    }
}
