using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Outcomes.LocalHost.Storage;

/// <summary>
/// Azurite, the official Azure Storage emulator, run from the repository's pinned npm install.
/// Ports are chosen by the operating system unless given; the ports Azurite reports are read back from its output.
/// With a data folder (the run command) it runs in its own session with its output in <c>azurite.log</c> there, so a
/// local host that is killed does not take storage with it, and its process id and ports are kept in
/// <c>azurite.pid</c>: a local host started again on the same folder uses that Azurite instead of starting a second.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // The emulator's fixed, publicly documented development account.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string? pidFile;

    private AzuriteProcess(Process process, int queuePort, int tablePort, int blobPort, string? pidFile = null, bool adopted = false)
    {
        (this.process, this.pidFile, Adopted) = (process, pidFile, adopted);
        (QueuePort, TablePort, BlobPort) = (queuePort, tablePort, blobPort);
    }

    /// <summary>An Azurite a previous local host started on the same data folder, still running.</summary>
    public bool Adopted { get; }

    public int QueuePort { get; }
    public int TablePort { get; }
    public int BlobPort { get; }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>The development account's connection string for an Azurite listening on these loopback ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <param name="repoRoot">Folder holding node_modules/azurite (installed by the local host's build).</param>
    /// <param name="dataFolder">Where Azurite keeps its data across restarts; null keeps it in memory (tests).</param>
    /// <param name="ports">Blob, queue and table ports; 0 lets the operating system choose.</param>
    public static async Task<AzuriteProcess> StartAsync(
        string repoRoot, string? dataFolder, (int Blob, int Queue, int Table) ports = default, CancellationToken ct = default)
    {
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException(
                $"Azurite is not installed at {script}. Build the solution (it runs 'npm ci' once) or run 'npm ci' in {repoRoot}.");

        if (dataFolder is not null && AzuriteSession.IsAvailable)
            return await AzuriteSession.StartAsync(script, dataFolder, ports, ct);

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments(script, dataFolder, ports))
            start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var listening = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (listening)
            {
                output.Add(line);
                if (Listening(line) is { } service)
                    listening[service.Service] = service.Port;
                if (listening.Count == 3) ready.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
        if (first != ready.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            string said;
            lock (listening) said = string.Join(Environment.NewLine, output);
            throw new InvalidOperationException($"Azurite did not start listening within 60 seconds. It said:{Environment.NewLine}{said}");
        }
        lock (listening)
            return new AzuriteProcess(process, listening["Queue"], listening["Table"], listening["Blob"]);
    }

    /// <summary>
    /// Azurite's command line: its script, loopback ports, and the data folder or memory. Its telemetry is off: Azurite
    /// would otherwise report on every run to Microsoft's Application Insights (from a clinic's network too) and instrument
    /// each request to do so.
    /// </summary>
    internal static IEnumerable<string> Arguments(string script, string? dataFolder, (int Blob, int Queue, int Table) ports)
    {
        string[] common =
        [
            script, "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", ports.Blob.ToString(), "--queuePort", ports.Queue.ToString(), "--tablePort", ports.Table.ToString(),
        ];
        if (dataFolder is null)
            return [.. common, "--inMemoryPersistence"];
        Directory.CreateDirectory(dataFolder);
        return [.. common, "--location", dataFolder];
    }

    /// <summary>The ports an Azurite output line says a service listens on, if it says so.</summary>
    internal static (string Service, int Port)? Listening(string line) =>
        ListeningLine().Match(line) is { Success: true } m ? (m.Groups["service"].Value, int.Parse(m.Groups["port"].Value)) : null;

    internal static AzuriteProcess Running(Process process, int blob, int queue, int table, string pidFile, bool adopted) =>
        new(process, queue, table, blob, pidFile, adopted);

    public async ValueTask DisposeAsync()
    {
        // A clean stop lets Azurite write its data folder, so that the next start finds everything.
        await ProcessStopper.StopAsync(process, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (pidFile is not null && process.HasExited)
            File.Delete(pidFile);
        process.Dispose();
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
