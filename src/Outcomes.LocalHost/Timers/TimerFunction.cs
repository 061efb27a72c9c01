using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Timers;

/// <summary>
/// One timer function: fires at each next occurrence of its schedule (UTC); a run, scheduled or from the admin route, never
/// starts while the previous one is outstanding; a failed run is not retried. All as the host's timer trigger does, without the
/// storage lock a scaled-out app needs.
/// </summary>
internal sealed class TimerFunction(FunctionDefinition function, IFunctionInvoker invoker, TimeProvider clock, HostConsole console)
{
    private readonly CronSchedule schedule = CronSchedule.Parse(function.Trigger.Get("schedule")!);
    private readonly SemaphoreSlim running = new(1, 1);
    private DateTimeOffset? last;

    public FunctionDefinition Function => function;

    public async Task RunScheduleAsync(CancellationToken ct)
    {
        try
        {
            var previousDue = DateTimeOffset.MinValue;
            while (!ct.IsCancellationRequested)
            {
                // From the later of now and the last occurrence: a timer that wakes a hair early must not fire twice.
                var now = clock.GetUtcNow();
                var due = previousDue = schedule.NextAfter(now > previousDue ? now : previousDue);
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
                try
                {
                    await RunOnceAsync($"Timer fired at {due:O}", ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // As the host: a failed run is not retried, and the schedule goes on.
                    console.Log($"Timer 'Functions.{function.Name}' run at {due:O} failed ({Backoff.Describe(e)}); the next is at its next occurrence.");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>One run, after the previous one has finished.</summary>
    public async Task<InvocationResult> RunOnceAsync(string reason, CancellationToken ct)
    {
        await running.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var data = TimerPayload.Data(function, last, schedule.NextAfter(now), now);
            last = now;
            return await invoker.InvokeAsync(function, data, TimerPayload.Metadata(function, clock), reason, ct);
        }
        finally { running.Release(); }
    }
}
