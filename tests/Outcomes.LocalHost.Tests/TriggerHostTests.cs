using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.LocalHost.Http;

namespace Outcomes.LocalHost.Tests;

public class TriggerHostTests
{
    [Fact]
    public async Task A_trigger_loop_that_fails_is_reported_and_started_again()
    {
        var health = new TriggerHealth();
        var host = new TriggerHost(new FunctionIndex([], []), [], health, Functions.QuietConsole(), TimeProvider.System);
        var starts = 0;
        var reportedDown = new TaskCompletionSource<IReadOnlyDictionary<string, string>>();
        var restarted = new TaskCompletionSource();

        var watching = host.WatchAsync("listener of 'Functions.RecordSurveyResponse'", async ct =>
        {
            if (Interlocked.Increment(ref starts) == 1)
            {
                await Task.Yield();
                _ = Task.Run(async () =>
                {
                    while (health.NotRunning.Count == 0) await Task.Delay(10);
                    reportedDown.TrySetResult(health.NotRunning);
                });
                throw new AggregateException("Retry failed after 3 tries.", new HttpRequestException("Connection refused"));
            }
            restarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var down = await reportedDown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await restarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync(CancellationToken.None);
        await watching;

        Assert.Equal(["listener of 'Functions.RecordSurveyResponse'"], down.Keys);
        Assert.Contains("Connection refused", down.Values.Single());
        Assert.Equal(2, starts);
        Assert.Empty(health.NotRunning);
    }

    [Fact]
    public async Task The_health_route_says_503_while_a_trigger_is_not_running_and_is_the_handlers_otherwise()
    {
        var health = new TriggerHealth();
        var check = TriggerHealthCheck.For("/api/health", health);
        var handlerAnswered = 0;
        RequestDelegate handler = _ => { handlerAnswered++; return Task.CompletedTask; };

        async Task<(int Status, string Body)> GetAsync(string path)
        {
            var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
            (context.Request.Method, context.Request.Path, context.Response.Body) = ("GET", path, new MemoryStream());
            await check(context, handler);
            context.Response.Body.Position = 0;
            return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
        }

        Assert.Equal(200, (await GetAsync("/api/health")).Status);
        health.Down("timer 'Functions.SendFollowUpSurveys'", "it stopped");
        var (status, body) = await GetAsync("/api/health");
        Assert.Equal(200, (await GetAsync("/api/procedures")).Status);
        health.Running("timer 'Functions.SendFollowUpSurveys'");

        Assert.Equal(503, status);
        Assert.Contains("SendFollowUpSurveys", body);
        Assert.Equal(200, (await GetAsync("/api/health")).Status);
        Assert.Equal(3, handlerAnswered);
    }
}
