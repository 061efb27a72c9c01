using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Outcomes.Testing;

namespace Outcomes.LocalHost.Tests;

/// <summary>
/// Requests whose framing is wrong, sent over a bare socket to the running local host: each is the client's fault, so each is
/// answered as Kestrel answers it (400, 408, 413, as problem details), never 5xx, and none is logged as the host's error.
/// Each test has a local host of its own, so that what is logged is about its request alone.
/// </summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly RunningLocalHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    private static string Head(string path, string framing) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n";

    private static void AssertProblem(int status, RawResponse? response)
    {
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(status, JsonNode.Parse(response.Body)!["status"]!.GetValue<int>());
    }

    /// <summary>
    /// A client that closed its sending half has, to Kestrel, closed the connection: Kestrel aborts the response, so there is
    /// no one to answer. If any answer does get out, it is the client's fault.
    /// </summary>
    private static void AssertNoAnswerOr(int status, RawResponse? response)
    {
        if (response is not null) AssertProblem(status, response);
    }

    /// <summary>
    /// Once the host has finished with the request: no error in the logs, no failed function on the console, and every
    /// invocation that was begun (a proxied one starts before its body is read) is reported as ended.
    /// </summary>
    private async Task AssertNotLoggedAsAFailureAsync()
    {
        await host.StopAsync();
        var lines = host.Console.Lines;
        Assert.Equal(lines.Count(l => l.Contains("Executing '", StringComparison.Ordinal)), lines.Count(l => l.Contains("Executed '", StringComparison.Ordinal)));
        var errors = host.Logs.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Concat(["The console said:"]).Concat(lines)));
        Assert.DoesNotContain(lines, l => l.Contains("(Failed,", StringComparison.Ordinal) || l.Contains("Failure of", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/api/wrapped")]
    public async Task A_body_shorter_than_its_content_length_is_not_a_server_error_when_the_client_closes(string path)
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head(path, "Content-Length: 100") + "{\"pain\":3");
        client.StopSending();

        var response = await client.ReadResponseAsync(Patience);

        AssertNoAnswerOr(400, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/api/wrapped")]
    public async Task A_client_that_stalls_before_its_content_length_is_sent_gets_408_from_the_minimum_data_rate(string path)
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head(path, "Content-Length: 100") + "{\"pain\":3");

        var response = await client.ReadResponseAsync(Patience);   // Kestrel's MinRequestBodyDataRate: 240 bytes/s after 5 s

        AssertProblem(408, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/api/wrapped")]
    public async Task An_invalid_chunk_size_is_400(string path)
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head(path, "Transfer-Encoding: chunked") + "zz\r\n{\"pain\":3}\r\n0\r\n\r\n");

        var response = await client.ReadResponseAsync(Patience);

        AssertProblem(400, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/api/wrapped")]
    public async Task A_chunked_body_that_ends_before_its_last_chunk_is_not_a_server_error(string path)
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head(path, "Transfer-Encoding: chunked") + "a\r\n{\"pain\":3}\r\n");
        client.StopSending();

        var response = await client.ReadResponseAsync(Patience);

        AssertNoAnswerOr(400, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Theory]
    [InlineData("/api/echo")]
    [InlineData("/api/wrapped")]
    public async Task A_content_length_over_the_hosts_100_MB_limit_is_413_before_the_body_is_read(string path)
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head(path, $"Content-Length: {LocalHostApp.MaxRequestBodyBytes + 1}") + "{\"pain\":3");

        var response = await client.ReadResponseAsync(Patience);

        AssertProblem(413, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Fact]
    public async Task A_body_over_kestrels_default_limit_but_within_the_hosts_100_MB_reaches_the_handler()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };

        var response = await client.PostAsync("/api/echo", new ByteArrayContent(new byte[30_000_001]));   // Kestrel's default: 30,000,000

        Assert.Equal("30000001 bytes", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked")]
    [InlineData("Content-Length: 16777216")]
    public async Task A_body_the_handler_refuses_by_its_size_gets_the_handlers_413_however_it_was_framed(string framing)
    {
        var body = new string('a', 16 * 1024 * 1024);   // more than the sockets between here and the handler hold
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head("/api/small", framing) + (framing.StartsWith("Transfer") ? $"{body.Length:x}\r\n{body}\r\n0\r\n\r\n" : body));

        var response = await client.ReadResponseAsync(Patience);

        AssertProblem(413, response);
        await AssertNotLoggedAsAFailureAsync();
    }

    [Fact]
    public async Task A_well_formed_request_still_reaches_the_handler()
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head("/api/echo", "Content-Length: 10") + "{\"pain\":3}");

        var response = await client.ReadResponseAsync(Patience);

        Assert.Equal((200, "10 bytes"), (response?.Status, response?.Body));
    }

    [Fact]
    public async Task A_client_that_drops_the_connection_mid_body_of_a_wrapped_function_is_not_logged_as_an_error()
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head("/api/wrapped", "Content-Length: 100") + "{\"pain\":3");

        client.Reset();

        await AssertNotLoggedAsAFailureAsync();
    }

    [Fact]
    public async Task A_client_that_drops_the_connection_mid_body_is_not_logged_as_a_failure_of_the_function()
    {
        using var client = await RawHttp.ConnectAsync(host.Port);
        await client.SendAsync(Head("/api/echo", "Content-Length: 100") + "{\"pain\":3");
        await host.Console.WaitForAsync(l => l.Contains("Executing 'Functions.Echo'"), Patience);   // the body is being forwarded

        client.Reset();
        var executed = await host.Console.WaitForAsync(l => l.Contains("Executed 'Functions.Echo'"), Patience);

        Assert.Contains("(Cancelled,", executed);
        await AssertNotLoggedAsAFailureAsync();
    }
}
