using System.Diagnostics;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The local host's Azurite stopped cleanly and later started again with the command line it had, on the same data folder and
/// ports, in a session of its own with its output appended to the folder's log, as the local host starts it.
/// </summary>
internal sealed class AzuriteOutage(LocalHostProcess host, string[] commandLine, string[] recorded)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private string PidFile => Path.Combine(host.AzuriteFolder, "azurite.pid");

    public static async Task<AzuriteOutage> BeginAsync(LocalHostProcess host)
    {
        var pid = host.AzuritePid;
        var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var recorded = File.ReadAllText(Path.Combine(host.AzuriteFolder, "azurite.pid")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var log = Path.Combine(host.AzuriteFolder, "azurite.log");
        var from = new FileInfo(log).Length;
        ProcessSignals.Send("TERM", pid);
        // SIGTERM closes each service and saves its data, but this Azurite's process then stays up doing nothing (its
        // telemetry keeps node running). Once all three said they closed, ending the process loses nothing; a SIGKILL
        // of a running Azurite, which can lose its last seconds, is what the README leaves out of scope.
        await Storage.EventuallyAsync(() => Task.FromResult(Said(log, from).Split('\n').Count(l => l.Contains("service successfully closed", StringComparison.Ordinal))),
            closed => closed == 3, Patience, "Azurite's three services closing after SIGTERM");
        if (IsRunning(pid))
            ProcessSignals.Send("KILL", pid);
        await Storage.EventuallyAsync(() => Task.FromResult(IsRunning(pid)), running => !running, Patience, "Azurite's process ending");
        return new AzuriteOutage(host, commandLine, recorded);
    }

    /// <summary>Starts Azurite again and records its new process id beside the same ports, for the local host's clean-up.</summary>
    public async Task EndAsync()
    {
        var log = Path.Combine(host.AzuriteFolder, "azurite.log");
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "sh", "-c", "exec \"$@\" >>\"$0\" 2>&1", log }.Concat(OnTheSamePorts(commandLine)))
            start.ArgumentList.Add(arg);
        using var azurite = Process.Start(start)!;   // sh execs node: this is Azurite's own process
        await File.WriteAllTextAsync(PidFile, string.Join(' ', [azurite.Id.ToString(), .. recorded[1..]]));
        var tablePort = int.Parse(recorded[3]);
        await Storage.EventuallyAsync(async () => await AcceptsAsync(tablePort), open => open, Patience, "Azurite listening again");
    }

    /// <summary>The command line with the ports it got (it may have asked for any free port, 0) asked for by number.</summary>
    private IEnumerable<string> OnTheSamePorts(string[] args) => args.Select((arg, i) => i == 0 ? arg : args[i - 1] switch
    {
        "--blobPort" => recorded[1],
        "--queuePort" => recorded[2],
        "--tablePort" => recorded[3],
        _ => arg,
    });

    private static string Said(string log, long from)
    {
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = from;
        return new StreamReader(file).ReadToEnd();
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }
}
