using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost;

/// <summary>Invocations started by the admin route: they run after the 202 is sent and are awaited on shutdown.</summary>
internal sealed class BackgroundRuns(IHostApplicationLifetime lifetime) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<Task> running = [];

    public void Start(Func<CancellationToken, Task<InvocationResult>> run)
    {
        var task = Task.Run(async () =>
        {
            try { await run(lifetime.ApplicationStopping); }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested) { }
        });
        lock (gate) running.Add(task);
        task.ContinueWith(t => { lock (gate) running.Remove(t); }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] left;
        lock (gate) left = [.. running];
        await Task.WhenAll(left);
    }
}
