using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outcomes.LocalHost.Handler;

/// <summary>
/// The custom handler process, supervised as the host does: started with FUNCTIONS_CUSTOMHANDLER_PORT, given 60 seconds to
/// listen, restarted after an unexpected exit. While it is down the readiness gate holds invocations, so a Service Bus message
/// that was in flight when it died is abandoned, redelivered and then waits here, rather than being lost.
/// </summary>
internal sealed class HandlerProcess : IHandlerEndpoint, IAsyncDisposable
{
    public static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan[] RestartBackoff = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly HandlerLaunch launch;
    private readonly HostConsole console;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? current;
    private Task supervision = Task.CompletedTask;

    private HandlerProcess(HandlerLaunch launch, HostConsole console) => (this.launch, this.console) = (launch, console);

    /// <summary>Starts the handler and returns once it listens; throws if it exits or stays silent for 60 seconds.</summary>
    public static async Task<HandlerProcess> StartAsync(HandlerLaunch launch, HostConsole console, CancellationToken ct)
    {
        var handler = new HandlerProcess(launch, console);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, handler.stopping.Token);
            var (process, address) = await handler.LaunchAsync(linked.Token);
            handler.supervision = handler.SuperviseAsync(process);
            return handler;
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }
    }

    public async Task<Uri> WhenReadyAsync(CancellationToken ct)
    {
        Task<Uri> waiting;
        lock (gate) waiting = ready.Task;
        return await waiting.WaitAsync(ct);
    }

    private async Task<(Process, Uri)> LaunchAsync(CancellationToken ct)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in launch.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";

        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.FileName}."); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException($"Could not start the handler {launch.FileName}: {e.Message}", e); }
        lock (gate) current = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) console.Line($"[handler] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) console.Line($"[handler] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync(port, ct))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The handler process {process.Id} exited with code {process.ExitCode} before it listened on port {port}.");
            if (deadline.Elapsed > StartupLimit)
            {
                Kill(process);
                throw new InvalidOperationException($"The handler process {process.Id} did not listen on port {port} within {StartupLimit.TotalSeconds:0} seconds.");
            }
            await Task.Delay(100, ct);
        }
        var address = new Uri($"http://127.0.0.1:{port}/");
        console.Line($"Handler process {process.Id} is listening on port {port}");
        lock (gate) ready.TrySetResult(address);
        return (process, address);
    }

    private async Task SuperviseAsync(Process process)
    {
        var failures = 0;
        while (true)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            if (stopping.IsCancellationRequested) return;
            lock (gate)
                if (ready.Task.IsCompleted) ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var delay = RestartBackoff[Math.Min(failures, RestartBackoff.Length - 1)];
            console.Log($"Handler process {process.Id} exited unexpectedly with code {process.ExitCode}; restarting it in {delay.TotalSeconds:0.#} s. Invocations wait until it is ready.");
            process.Dispose();
            while (true)
            {
                try
                {
                    await Task.Delay(delay, stopping.Token);
                    (process, _) = await LaunchAsync(stopping.Token);
                    failures = 0;
                    break;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
                catch (InvalidOperationException e)
                {
                    failures++;
                    delay = RestartBackoff[Math.Min(failures, RestartBackoff.Length - 1)];
                    console.Log($"{e.Message} Trying again in {delay.TotalSeconds:0.#} s.");
                }
            }
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    private static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }   // it exited meanwhile
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        Process? process;
        lock (gate) process = current;
        if (process is not null)
            await ProcessStopper.StopAsync(process, TimeSpan.FromSeconds(10));
        await supervision;
        process?.Dispose();
        stopping.Dispose();
    }
}
