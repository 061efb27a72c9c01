using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outcomes.Testing;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The local host as a real process, the way a developer runs it: it starts Azurite and the handler itself.
/// Its console is kept so that tests can wait for what it says.
/// </summary>
public sealed partial class LocalHostProcess : IAsyncLifetime
{
    private readonly List<string> lines = [];
    private readonly string data = Path.Combine(Path.GetTempPath(), "outcomes-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IReadOnlyDictionary<string, string> extraSettings = new Dictionary<string, string>();
    private readonly bool ownsData = true;
    private readonly string? appRoot;
    private readonly IReadOnlyList<string> extraArgs = [];
    private Process? process;

    public LocalHostProcess() { }

    /// <summary>A local host started again on an earlier one's data folder, settings and port (that one is gone).</summary>
    private LocalHostProcess(LocalHostProcess earlier) =>
        (data, ownsData, ContactKeys, Port, extraArgs) = (earlier.data, false, earlier.ContactKeys, earlier.Port, earlier.extraArgs);

    public static LocalHostProcess RestartOf(LocalHostProcess earlier) => new(earlier);

    /// <summary>
    /// A second local host beside a running one, on its data folder and settings (so its Azurite, its queues and its
    /// outbox) with a port of its own: a second instance of the app, as Azure scales it out.
    /// </summary>
    public static LocalHostProcess SecondInstanceOf(LocalHostProcess running) => new(running, running.data, FreePort());

    private LocalHostProcess(LocalHostProcess earlier, string data, int port) =>
        (this.data, ownsData, ContactKeys, Port) = (data, false, earlier.ContactKeys, port);

    /// <summary>Where the local host's Azurite keeps its data (the local host's <c>--data</c> folder, then <c>azurite</c>).</summary>
    public string AzuriteFolder => Path.Combine(data, "azurite");

    /// <summary>The process id of the Azurite the local host uses, as its data folder records it.</summary>
    public int AzuritePid => int.Parse(File.ReadAllText(Path.Combine(AzuriteFolder, "azurite.pid")).Split(' ')[0]);

    /// <summary>SIGKILL of the local host's own process only, as when it crashes: its children are left as they are.</summary>
    public async Task KillHostOnlyAsync()
    {
        process!.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>A local host with app settings beside the usual ones (the hostile-input suite's SMS webhook token).</summary>
    internal LocalHostProcess(IReadOnlyDictionary<string, string> extraSettings) => this.extraSettings = extraSettings;

    /// <summary>A local host started with <c>--demo</c>, which seeds the demo cohort once it listens (and so does its restart).</summary>
    internal static LocalHostProcess WithDemo() => new(["--demo"]);

    private LocalHostProcess(IReadOnlyList<string> extraArgs) => this.extraArgs = extraArgs;

    /// <summary>A local host running another Functions app root (<c>--app-root</c>), such as the published one.</summary>
    internal LocalHostProcess(string appRoot) => this.appRoot = appRoot;

    public const int MaxDeliveryCount = 3;
    public const string AdminKey = "e2e-admin-key-0b9e4d2a";
    public const string TwilioAuthToken = "e2e-twilio-auth-token-5d1f";

    /// <summary>The personal-data key of this run, for tests that put their own survey-response messages on the queue.</summary>
    public string ContactKeys { get; } = "e2e:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public int Port { get; } = FreePort();
    public HttpClient Client { get; private set; } = null!;
    public string StorageConnectionString { get; private set; } = "";
    public string OutboxFolder => Path.Combine(data, "outbox");

    public IReadOnlyList<string> Lines { get { lock (lines) return lines.ToList(); } }

    /// <summary>The process id the handler has now; it changes when the local host restarts it.</summary>
    public int HandlerPid => int.Parse(Lines.Select(l => HandlerLine().Match(l)).Last(m => m.Success).Groups["pid"].Value);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(data);
        var settings = Path.Combine(data, "local.settings.json");
        if (ownsData)
            await WriteSettingsAsync(settings);
        await StartAsync(settings);
    }

    private async Task WriteSettingsAsync(string settings)
    {
        var values = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["ServiceBusConnection"] = "",
            ["SurveySchedule"] = "0 0 0 1 1 *", // once a year: the tests run the timer through the admin route
            ["Outcomes__AdminKey"] = AdminKey,
            ["Outcomes__ContactKeys"] = ContactKeys,
            ["Outcomes__SurveyTokenKeys"] = "e2e:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Outcomes__PublicBaseUrl"] = $"http://localhost:{Port}",
            ["SurveyMailFrom"] = "surveys@outcomes.example.org",
            ["TwilioFromNumber"] = "+15550100",
            ["TwilioAuthToken"] = TwilioAuthToken,
        };
        foreach (var (name, value) in extraSettings)
            values[name] = value;
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
    }

    private async Task StartAsync(string settings)
    {
        var dll = Path.Combine(AzuriteFixture.RepoRoot, "src", "Outcomes.LocalHost", "bin", AzuriteFixture.Configuration, "net10.0", "Outcomes.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--port", Port.ToString(), "--data", data, "--settings", settings,
                     "--azurite-ports", "0", "--max-delivery-count", MaxDeliveryCount.ToString() })
            start.ArgumentList.Add(arg);
        foreach (var arg in extraArgs)
            start.ArgumentList.Add(arg);
        if (appRoot is not null)
        {
            start.ArgumentList.Add("--app-root");
            start.ArgumentList.Add(appRoot);
        }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitForLineAsync(l => l.Contains($"Outcomes local host is listening on http://localhost:{Port}"), TimeSpan.FromSeconds(120));
        var ports = Lines.Select(l => AzuriteLine().Match(l)).Single(m => m.Success);
        StorageConnectionString = Outcomes.LocalHost.Storage.AzuriteProcess.ConnectionStringFor(
            int.Parse(ports.Groups["blob"].Value), int.Parse(ports.Groups["queue"].Value), int.Parse(ports.Groups["table"].Value));
        Client = new HttpClient { BaseAddress = new Uri($"http://localhost:{Port}") };
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan within, int skip = 0)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (Lines.Skip(skip).FirstOrDefault(match) is { } line) return line;
            if (process is { HasExited: true })
                throw new InvalidOperationException($"The local host exited with {process.ExitCode}:\n{string.Join("\n", Lines)}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"The local host did not say it within {within}. It said:\n{string.Join("\n", Lines.TakeLast(60))}");
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        if (!ownsData)
            return;
        // An Azurite a restarted local host took over is not in its process tree.
        try { Process.GetProcessById(AzuritePid).Kill(); } catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or FormatException) { }
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Azurite is listening: blob http://127\.0\.0\.1:(?<blob>\d+), queue http://127\.0\.0\.1:(?<queue>\d+), table http://127\.0\.0\.1:(?<table>\d+)")]
    private static partial Regex AzuriteLine();

    [GeneratedRegex(@"Handler process (?<pid>\d+) is listening on port \d+")]
    private static partial Regex HandlerLine();
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostProcess>
{
    public const string Name = "local host";
}
