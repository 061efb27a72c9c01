using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Moq;
using Outcomes.LocalHost.Handler;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.Outputs;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost.Tests;

public sealed class HandlerInvokerTests
{
    private static readonly Configuration.FunctionDefinition Timer = Functions.Define("SendFollowUpSurveys", Configuration.FunctionKind.Timer,
        Functions.Binding("timerTrigger", "in", "timer", ("schedule", "0 0 * * * *")));

    [Fact]
    public async Task The_handler_lines_of_an_answered_invocation_are_held_back_while_the_console_is_quiet_and_a_failure_still_shows()
    {
        var written = new StringWriter();
        var console = new HostConsole(written, TimeProvider.System);
        console.QuietInvocations(true);

        var answered = await Invoker(console, HttpStatusCode.OK, """{"Outputs":{},"Logs":["Follow-up round: 3 invited."]}""")
            .InvokeAsync(Timer, [], [], "Timer fired", CancellationToken.None);
        var refused = await Invoker(console, HttpStatusCode.InternalServerError, "")
            .InvokeAsync(Timer, [], [], "Timer fired", CancellationToken.None);

        Assert.True(answered.Succeeded);
        Assert.False(refused.Succeeded);
        var text = written.ToString();
        Assert.DoesNotContain("Follow-up round", text);
        Assert.DoesNotContain("Succeeded", text);
        Assert.Contains("Executed 'Functions.SendFollowUpSurveys' (Failed", text);
        Assert.Contains("the handler answered 500", text);
    }

    [Fact]
    public async Task The_handler_lines_show_when_the_console_is_not_quiet()
    {
        var written = new StringWriter();
        var console = new HostConsole(written, TimeProvider.System);

        await Invoker(console, HttpStatusCode.OK, """{"Outputs":{},"Logs":["Follow-up round: 3 invited."]}""")
            .InvokeAsync(Timer, [], [], "Timer fired", CancellationToken.None);

        Assert.Contains("  Follow-up round: 3 invited.", written.ToString());
    }

    private static HandlerInvoker Invoker(HostConsole console, HttpStatusCode status, string body)
    {
        var http = new HttpClient(new Answering(status, body));
        var handler = Mock.Of<IHandlerEndpoint>(h => h.WhenReadyAsync(It.IsAny<CancellationToken>()) == Task.FromResult(new Uri("http://127.0.0.1:1/")));
        var outputs = new OutputBinder(Mock.Of<IQueueTransport>(), new Outbox(Path.GetTempPath(), console, TimeProvider.System));
        return new HandlerInvoker(http, handler, outputs, console, TimeSpan.FromMinutes(1));
    }

    private sealed class Answering(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
