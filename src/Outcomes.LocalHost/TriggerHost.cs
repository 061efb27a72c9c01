using Outcomes.LocalHost.Http;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost;

/// <summary>Runs the non-HTTP triggers: one listener per serviceBusTrigger function, one schedule per timer function.</summary>
internal sealed class TriggerHost(FunctionIndex index, IReadOnlyList<ServiceBusListener> listeners) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> running = [];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var listener in listeners) await listener.CreateQueuesAsync(ct);   // queues exist before anyone sends
        running.AddRange(listeners.Select(l => Task.Run(() => l.RunAsync(stopping.Token), CancellationToken.None)));
        running.AddRange(index.Timers.Select(t => Task.Run(() => t.RunScheduleAsync(stopping.Token), CancellationToken.None)));
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(running).WaitAsync(ct);
    }
}
