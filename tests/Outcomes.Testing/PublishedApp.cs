using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Outcomes.Testing;

/// <summary>
/// The Functions app root as <c>scripts/publish.sh</c> makes it (host.json, the function folders, the handler
/// self-contained for linux-x64, ReadyToRun), published once for the sources as they are: the test assemblies of a run
/// share it through a lock file, and a run with unchanged sources reuses the last one.
/// </summary>
public static class PublishedApp
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private static string Folder => Path.Combine(AzuriteFixture.RepoRoot, "tests", "Outcomes.Testing", "obj", "published");

    /// <summary>The published app root (published now if the sources changed since the last publish).</summary>
    public static Task<string> RootAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        Directory.CreateDirectory(Folder);
        var app = Path.Combine(Folder, "app");
        var stamp = Path.Combine(Folder, "sources.sha256");
        await using var exclusive = await LockAsync(Path.Combine(Folder, "publish.lock"));

        var fingerprint = SourcesFingerprint();
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == fingerprint && Directory.Exists(app))
            return app;

        File.Delete(stamp);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AzuriteFixture.RepoRoot, "scripts", "publish.sh"));
        start.ArgumentList.Add(app);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(PublishTimeout);
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/publish.sh ran past {PublishTimeout}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/publish.sh failed ({process.ExitCode}):\n{await output}\n{await errors}");
        await File.WriteAllTextAsync(stamp, fingerprint);
        return app;
    }

    /// <summary>Everything the publish reads from the tree: the handler's projects, host.json, the build props, the script.</summary>
    private static string SourcesFingerprint()
    {
        var root = AzuriteFixture.RepoRoot;
        var files = new[] { "Outcomes.Domain", "Outcomes.Storage", "Outcomes.Functions" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "src", project), "*", SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(new[] { "host.json", "Directory.Build.props", "Directory.Packages.props", Path.Combine("scripts", "publish.sh") }.Select(f => Path.Combine(root, f)))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>An exclusive lock across processes: the other test assembly of the run waits here while one publishes.</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var until = DateTime.UtcNow + PublishTimeout;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < until) { await Task.Delay(500); }
        }
    }
}
