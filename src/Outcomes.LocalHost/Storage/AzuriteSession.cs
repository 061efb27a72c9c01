using System.Diagnostics;
using System.Globalization;

namespace Outcomes.LocalHost.Storage;

/// <summary>
/// Azurite on a data folder, in a session of its own (<c>setsid</c>): a signal or a kill aimed at the local host does not
/// reach it, its output goes to <c>azurite.log</c> in the folder rather than through a pipe that would break with the
/// local host, and <c>azurite.pid</c> names its process and ports, so that a local host started again on the folder
/// uses it (a second Azurite on the same files would overwrite the first one's data).
/// </summary>
internal static class AzuriteSession
{
    private const string SetSid = "/usr/bin/setsid";

    public static bool IsAvailable => !OperatingSystem.IsWindows() && File.Exists(SetSid);

    public static async Task<AzuriteProcess> StartAsync(string script, string dataFolder, (int Blob, int Queue, int Table) ports, CancellationToken ct)
    {
        Directory.CreateDirectory(dataFolder);
        var pidFile = Path.Combine(dataFolder, "azurite.pid");
        await using var starting = await LockAsync(Path.Combine(dataFolder, "azurite.lock"), ct);
        if (Adopt(pidFile, dataFolder) is { } running)
            return running;

        var log = Path.Combine(dataFolder, "azurite.log");
        var from = File.Exists(log) ? new FileInfo(log).Length : 0;
        // setsid does not fork here (the child is no group leader), and sh execs node: the process started is Azurite.
        var start = new ProcessStartInfo(SetSid) { UseShellExecute = false };
        foreach (var arg in new[] { "sh", "-c", "exec \"$@\" >>\"$0\" 2>&1", log, "node" }.Concat(AzuriteProcess.Arguments(script, dataFolder, ports)))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");

        var listening = new Dictionary<string, int>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (listening.Count < 3)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"Azurite exited with {process.ExitCode}. It said:{Environment.NewLine}{Said(log, from)}");
                foreach (var line in Said(log, from).Split('\n'))
                    if (AzuriteProcess.Listening(line) is { } service)
                        listening[service.Service] = service.Port;
                if (listening.Count < 3)
                    await Task.Delay(100, timeout.Token);   // Azurite's only sign of being ready is its log
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not start listening within 60 seconds. It said:{Environment.NewLine}{Said(log, from)}");
        }
        await File.WriteAllTextAsync(pidFile,
            string.Join(' ', new[] { process.Id, listening["Blob"], listening["Queue"], listening["Table"] }.Select(n => n.ToString(CultureInfo.InvariantCulture))), ct);
        return AzuriteProcess.Running(process, listening["Blob"], listening["Queue"], listening["Table"], pidFile, adopted: false);
    }

    /// <summary>The Azurite <c>azurite.pid</c> names, if it is still running on this folder.</summary>
    private static AzuriteProcess? Adopt(string pidFile, string dataFolder)
    {
        if (!File.Exists(pidFile))
            return null;
        var parts = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return null;
        var (pid, blob, queue, table) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
        var commandLine = $"/proc/{pid}/cmdline";
        if (!File.Exists(commandLine))
            return null;
        var args = File.ReadAllText(commandLine).Split('\0');
        if (!args.Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal)) || !args.Contains(dataFolder))
            return null;   // the id was reused by another process
        try
        {
            return AzuriteProcess.Running(Process.GetProcessById(pid), blob, queue, table, pidFile, adopted: true);
        }
        catch (ArgumentException)   // gone meanwhile
        {
            return null;
        }
    }

    private static string Said(string log, long from)
    {
        using var file = new FileStream(log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        file.Position = Math.Min(from, file.Length);
        return new StreamReader(file).ReadToEnd();
    }

    /// <summary>One local host at a time decides whether to start Azurite on the folder.</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(100, ct);   // another local host is starting Azurite on this folder: wait for it to finish
            }
        }
    }
}
