using System.Diagnostics;
using System.Text;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// Finds Debian's Chromium, and installs it with apt-get when it is missing and the tests run as root (as CI
/// does, on a fresh machine that has only the .NET SDK and Node). Playwright's own browser download does not
/// work on these machines, so the tests never use it. One install per machine at a time: a file lock keeps
/// test processes that start together from racing, and apt-get waits for any other holder of dpkg's lock.
/// </summary>
public static class ChromiumInstaller
{
    public const string DebianChromium = "/usr/bin/chromium";
    public const string HowToInstall = "Install Debian's chromium: sudo apt-get install chromium";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);
    private static readonly object Gate = new();
    private static Task<string>? installing;

    /// <summary>
    /// The path of Debian's Chromium, installing it first if need be (once per process, whoever asks).
    /// <paramref name="progress"/> hears a line per step; apt-get's own output goes to <paramref name="logFile"/>.
    /// </summary>
    public static Task<string> EnsureInstalledAsync(Action<string> progress, string logFile)
    {
        if (File.Exists(DebianChromium)) return Task.FromResult(DebianChromium);
        lock (Gate) return installing ??= Task.Run(() => InstallAsync(progress, logFile));
    }

    private static async Task<string> InstallAsync(Action<string> progress, string logFile)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
            throw new InvalidOperationException($"{DebianChromium} is missing and this machine has no apt-get. {HowToInstall}, or run the browser tests on Debian.");
        if (Environment.UserName != "root")
            throw new InvalidOperationException($"{DebianChromium} is missing, and the tests install it only when they run as root. {HowToInstall}");

        var started = Stopwatch.StartNew();
        using (await AcquireMachineLockAsync(progress))
        {
            if (File.Exists(DebianChromium))
            {
                progress($"Chromium: another test process installed {DebianChromium} meanwhile.");
                return DebianChromium;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            await using var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
            progress($"Chromium: {DebianChromium} is missing; installing Debian's chromium with apt-get (a minute or so on a fresh machine). apt-get's output: {logFile}");

            var updated = false;
            if (!AptHasPackageLists())
            {
                await AptGetAsync(["update"], progress, log);
                updated = true;
            }
            if (await AptGetAsync(InstallArguments, progress, log) != 0)
            {
                // Lists a few days old name package versions the mirror no longer has: refresh them once and retry.
                if (updated || await AptGetAsync(["update"], progress, log) != 0 || await AptGetAsync(InstallArguments, progress, log) != 0)
                    throw new InvalidOperationException($"apt-get could not install chromium (see {logFile}). {HowToInstall}\n{Tail(logFile)}");
            }
            if (!File.Exists(DebianChromium))
                throw new InvalidOperationException($"apt-get installed chromium, but {DebianChromium} is still missing (see {logFile}).");

            progress($"Chromium: installed {DebianChromium} in {started.Elapsed.TotalSeconds:0} s.");
            return DebianChromium;
        }
    }

    private static readonly string[] InstallArguments =
        ["install", "-y", "--no-install-recommends", "chromium"];

    /// <summary>Whether apt has ever fetched its package lists here: a fresh Debian image ships without them.</summary>
    private static bool AptHasPackageLists() =>
        Directory.Exists("/var/lib/apt/lists") && Directory.EnumerateFiles("/var/lib/apt/lists", "*_Packages*").Any();

    private static async Task<int> AptGetAsync(string[] arguments, Action<string> progress, StreamWriter log)
    {
        var command = "apt-get " + string.Join(' ', arguments);
        progress($"Chromium: {command} ...");
        var step = Stopwatch.StartNew();
        var start = new ProcessStartInfo("apt-get") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var option in new[] { "-q", "-o", "Dpkg::Use-Pty=0", "-o", "DPkg::Lock::Timeout=600" }) start.ArgumentList.Add(option);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        await log.WriteLineAsync($"$ {command}");
        using var process = Process.Start(start)!;
        var packages = 0;
        void Keep(string? line)
        {
            if (line is null) return;
            lock (log) log.WriteLine(line);
            if (line.StartsWith("Setting up ", StringComparison.Ordinal)) Interlocked.Increment(ref packages);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A heartbeat rather than apt's hundreds of lines: enough to see that it moves.
        var wait = process.WaitForExitAsync();
        while (await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(15))) != wait)
            progress($"Chromium: {command} still running after {step.Elapsed.TotalSeconds:0} s ({Volatile.Read(ref packages)} packages set up so far).");
        await wait;
        process.WaitForExit(); // drains the redirected output

        progress($"Chromium: {command} exited with {process.ExitCode} after {step.Elapsed.TotalSeconds:0} s"
                 + (packages > 0 ? $" ({packages} packages set up)." : "."));
        return process.ExitCode;
    }

    /// <summary>
    /// An exclusive lock on a file in the temporary folder, held across processes: on Linux .NET takes flock() for
    /// FileShare.None, and the kernel drops it when a process dies, so a crashed run leaves nothing stale.
    /// </summary>
    private static async Task<IDisposable> AcquireMachineLockAsync(Action<string> progress)
    {
        var path = Path.Combine(Path.GetTempPath(), "outcomes-chromium-install.lock");
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                if (!told) progress($"Chromium: waiting for another test process that is installing it ({path}).");
                told = true;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static string Tail(string logFile)
    {
        var lines = File.ReadAllLines(logFile, Encoding.UTF8);
        return string.Join('\n', lines.TakeLast(40));
    }
}
