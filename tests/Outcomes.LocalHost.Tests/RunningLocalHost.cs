using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Handler;

namespace Outcomes.LocalHost.Tests;

/// <summary>
/// The local host's own web app (Kestrel, its pipeline and routes) on a free port, in front of a stand-in handler that reads
/// every body to the end: <c>POST /api/echo</c> is proxied, <c>POST /api/wrapped</c> is called wrapped, and the proxied
/// <c>POST /api/small</c> refuses a body over 1 KiB as the SMS webhook does (by its length, else by Kestrel's limit for the
/// route, which closes the connection), slowly, as a handler answers its first request: after 1.5 s, longer than HttpClient
/// waits for a <c>100 Continue</c> by default. Its console and every
/// log record at Warning and above are kept. The stand-in has neither a minimum body data rate nor a body size limit, so a
/// slow or large body meets the local host's limits, whose answers are the ones under test.
/// </summary>
public sealed class RunningLocalHost : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "outcomes-lh-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? handler;
    private WebApplication? host;

    public int Port { get; private set; }

    public ConsoleLines Console { get; } = new();

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    /// <summary>The <c>traceparent</c> header of each call the stand-in handler got on <c>/api/echo</c> and <c>/Wrapped</c>.</summary>
    public ConcurrentQueue<(string Path, string? TraceParent)> TraceParents { get; } = new();

    internal static readonly FunctionDefinition Echo = Functions.Define("Echo", FunctionKind.ProxiedHttp,
        Functions.Binding("httpTrigger", "in", "req", ("route", "echo")), Functions.Binding("http", "out", "res"));

    internal static readonly FunctionDefinition Small = Functions.Define("Small", FunctionKind.ProxiedHttp,
        Functions.Binding("httpTrigger", "in", "req", ("route", "small")), Functions.Binding("http", "out", "res"));

    internal static readonly FunctionDefinition Wrapped = Functions.Define("Wrapped", FunctionKind.WrappedHttp,
        Functions.Binding("httpTrigger", "in", "req", ("route", "wrapped")), Functions.Binding("http", "out", "res"),
        Functions.Binding("serviceBus", "out", "message", ("queueName", "unused")));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => (k.Limits.MinRequestBodyDataRate, k.Limits.MaxRequestBodySize) = (null, null));
        handler = builder.Build();
        handler.MapPost("/api/echo", async (HttpRequest request) =>
        {
            TraceParents.Enqueue((request.Path, request.Headers.TraceParent.FirstOrDefault()));
            return Results.Text($"{await CountAsync(request.Body)} bytes");
        });
        handler.MapPost("/api/small", Small1KiB).WithMetadata(new RequestSizeLimitAttribute(1024));
        handler.MapPost("/Wrapped", (HttpRequest request) =>
        {
            TraceParents.Enqueue((request.Path, request.Headers.TraceParent.FirstOrDefault()));
            return Results.Json(new { Outputs = new { res = new { statusCode = 200, body = "read" } }, Logs = Array.Empty<string>() });
        });
        await handler.StartAsync();

        var options = new LocalHostOptions(0, data, Path.Combine(data, "local.settings.json"), false, data, (0, 0, 0), 10);
        var hostJson = new HostJson("handler", [], "", EnableProxyingHttpRequest: true, "api", 16, TimeSpan.FromMinutes(5));
        host = LocalHostApp.Build(options, hostJson, [Echo, Small, Wrapped], "UseDevelopmentStorage=true",
            new ListeningHandler(new Uri(Address(handler))), new HostConsole(Console, TimeProvider.System));
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(new KeptLogs(Logs));
        await host.StartAsync();
        Port = new Uri(Address(host)).Port;
    }

    /// <summary>Stops the local host once the requests it is serving have ended, so that everything it logs about them is in.</summary>
    public Task StopAsync() => host!.StopAsync();

    public async Task DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
        if (handler is not null) await handler.DisposeAsync();
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static async Task<long> CountAsync(Stream body)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0) total += n;
        return total;
    }

    private static async Task<IResult> Small1KiB(HttpRequest request)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5));   // a slow handler, not a wait for something to happen
        if (request.ContentLength > 1024) return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge);
        try { return Results.Text($"{await CountAsync(request.Body)} bytes"); }
        catch (BadHttpRequestException e) { return Results.Problem(statusCode: e.StatusCode); }
    }

    private sealed class ListeningHandler(Uri address) : IHandlerEndpoint
    {
        public Task<Uri> WhenReadyAsync(CancellationToken ct) => Task.FromResult(address);
    }

    private sealed class KeptLogs(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, logs);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel level) => true;

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((level, category, $"{formatter(state, exception)} {exception}"));
        }
    }
}

/// <summary>The local host's console as lines, with a way to wait for one.</summary>
public sealed class ConsoleLines : TextWriter
{
    private readonly List<string> lines = [];
    private readonly System.Text.StringBuilder current = new();
    private TaskCompletionSource added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public IReadOnlyList<string> Lines { get { lock (lines) return lines.ToList(); } }

    public override void Write(char value)
    {
        if (value == '\r') return;
        if (value != '\n') { lock (lines) current.Append(value); return; }
        TaskCompletionSource signal;
        lock (lines)
        {
            lines.Add(current.ToString());
            current.Clear();
            (signal, added) = (added, new(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        signal.SetResult();
    }

    /// <summary>The first line that matches, as soon as it is written; a TimeoutException after <paramref name="within"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan within)
    {
        using var limit = new CancellationTokenSource(within);
        while (true)
        {
            Task next;
            lock (lines)
            {
                if (lines.FirstOrDefault(match) is { } line) return line;
                next = added.Task;
            }
            try { await next.WaitAsync(limit.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"The local host did not say it within {within}. It said:\n{string.Join("\n", Lines)}"); }
        }
    }
}
