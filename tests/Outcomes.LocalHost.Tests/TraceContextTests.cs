using System.Diagnostics;
using System.Net;

namespace Outcomes.LocalHost.Tests;

/// <summary>
/// The local host sends the handler a W3C <c>traceparent</c> with every call, as the Functions host's HTTP client does: a
/// span of the host's own in the caller's trace, for a proxied request and for a wrapped one alike.
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private readonly RunningLocalHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Theory]
    [InlineData("/api/echo", "/api/echo")]
    [InlineData("/api/wrapped", "/Wrapped")]
    public async Task The_handler_is_called_in_the_callers_trace_from_a_span_of_the_hosts(string path, string handlerPath)
    {
        var (trace, span) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{host.Port}{path}") { Content = new StringContent("{}") };
        request.Headers.Add("traceparent", $"00-{trace}-{span}-01");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var (_, sent) = Assert.Single(host.TraceParents, t => t.Path == handlerPath);
        Assert.True(ActivityContext.TryParse(sent, null, out var context), sent);
        Assert.Equal(trace, context.TraceId);
        Assert.NotEqual(span, context.SpanId);
    }

    [Fact]
    public async Task A_request_without_a_trace_context_is_sent_in_a_trace_of_its_own()
    {
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null });

        var answered = await client.PostAsync($"http://127.0.0.1:{host.Port}/api/echo", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var (_, sent) = Assert.Single(host.TraceParents);
        Assert.True(ActivityContext.TryParse(sent, null, out _), sent);
    }
}
