using Outcomes.LocalHost.Http;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost;

/// <summary>
/// Runs the non-HTTP triggers: one listener per serviceBusTrigger function, one schedule per timer function. Each loop is
/// watched: one that ends or fails while the host runs is reported in <see cref="TriggerHealth"/> and started again after
/// a growing pause, so that no trigger stops for good while the host still answers HTTP.
/// </summary>
internal sealed class TriggerHost(FunctionIndex index, IReadOnlyList<IQueueListener> listeners, TriggerHealth health, HostConsole console,
    TimeProvider clock) : IHostedService
{
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> running = [];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var listener in listeners) await listener.CreateQueuesAsync(ct);   // queues exist before anyone sends
        running.AddRange(listeners.Select(l => Task.Run(() => WatchAsync($"listener of 'Functions.{l.FunctionName}'", l.RunAsync), CancellationToken.None)));
        running.AddRange(index.Timers.Select(t => Task.Run(() => WatchAsync($"timer 'Functions.{t.Function.Name}'", t.RunScheduleAsync), CancellationToken.None)));
    }

    internal async Task WatchAsync(string loop, Func<CancellationToken, Task> run)
    {
        for (var restarts = 0; !stopping.IsCancellationRequested; restarts++)
        {
            health.Running(loop);
            try
            {
                await run(stopping.Token);
                if (stopping.IsCancellationRequested)
                    return;
                health.Down(loop, "it stopped");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                health.Down(loop, Backoff.Describe(e));
            }
            var delay = Backoff.After(restarts + 1, FirstRestartDelay);
            console.Log($"The {loop} is not running ({health.NotRunning.GetValueOrDefault(loop)}); starting it again in {delay.TotalSeconds:0.#} s.");
            try
            {
                await Task.Delay(delay, clock, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running).WaitAsync(ct);
    }
}
