using System.Text.Json.Nodes;
using Moq;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Tests;

public class TimerFunctionTests
{
    private static readonly FunctionDefinition SendFollowUpSurveys = Functions.Define("SendFollowUpSurveys", FunctionKind.Timer,
        Functions.Binding("timerTrigger", "in", "timer", ("schedule", "0 0 * * * *")));

    [Fact]
    public async Task A_run_gets_the_timer_payload_with_its_schedule_status()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 10, 20, 30, TimeSpan.Zero));
        var invoker = new Mock<IFunctionInvoker>();
        JsonObject? data = null;
        invoker.Setup(i => i.InvokeAsync(SendFollowUpSurveys, It.IsAny<JsonObject>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((FunctionDefinition _, JsonObject d, JsonObject _, string _, CancellationToken _) => data = d)
            .ReturnsAsync(InvocationResult.Success([]));

        await new TimerFunction(SendFollowUpSurveys, invoker.Object, clock, Functions.QuietConsole()).RunOnceAsync("test", CancellationToken.None);

        var timer = data!["timer"]!;
        Assert.True(timer["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.False(timer["IsPastDue"]!.GetValue<bool>());
        Assert.Equal(new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc), timer["ScheduleStatus"]!["Next"]!.GetValue<DateTime>());
        Assert.Equal(clock.Now.UtcDateTime, timer["ScheduleStatus"]!["LastUpdated"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task A_run_does_not_start_while_the_previous_one_is_still_running()
    {
        var invoker = new Mock<IFunctionInvoker>();
        var firstMayFinish = new TaskCompletionSource<InvocationResult>();
        var calls = 0;
        invoker.Setup(i => i.InvokeAsync(SendFollowUpSurveys, It.IsAny<JsonObject>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 1 ? firstMayFinish.Task : Task.FromResult(InvocationResult.Success([])));
        var timer = new TimerFunction(SendFollowUpSurveys, invoker.Object, TimeProvider.System, Functions.QuietConsole());

        var first = timer.RunOnceAsync("scheduled", CancellationToken.None);
        var second = timer.RunOnceAsync("admin", CancellationToken.None);
        await Task.Delay(200);
        var startedWhileFirstRan = calls;
        firstMayFinish.SetResult(InvocationResult.Success([]));
        await Task.WhenAll(first, second);

        Assert.Equal(1, startedWhileFirstRan);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_run_that_fails_leaves_the_schedule_going()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 10, 59, 59, 990, TimeSpan.Zero));
        var invoker = new Mock<IFunctionInvoker>();
        var calls = 0;
        var secondRun = new TaskCompletionSource();
        invoker.Setup(i => i.InvokeAsync(SendFollowUpSurveys, It.IsAny<JsonObject>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                clock.Now = clock.Now.AddHours(1);   // the next occurrence is due at once
                if (Interlocked.Increment(ref calls) == 1)
                    throw new HttpRequestException("The handler is not listening.");
                secondRun.TrySetResult();
                return Task.FromResult(InvocationResult.Success([]));
            });
        var console = new StringWriter();
        using var stop = new CancellationTokenSource();

        var schedule = new TimerFunction(SendFollowUpSurveys, invoker.Object, clock, Functions.QuietConsole(console)).RunScheduleAsync(stop.Token);
        await secondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await schedule;

        Assert.True(calls >= 2);
        Assert.Contains("HttpRequestException", console.ToString());
    }
}
