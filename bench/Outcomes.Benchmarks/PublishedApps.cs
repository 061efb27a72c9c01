using System.Diagnostics;

namespace Outcomes.Benchmarks;

/// <summary>
/// The handler as Azure runs it, published with <c>scripts/publish.sh</c> (self-contained, linux-x64, ReadyToRun), and
/// the empty ASP.NET Core app the start benchmark measures it against, published with the same options.
/// </summary>
internal static class PublishedApps
{
    /// <summary>Publishes the Functions app root into <paramref name="folder"/>; returns the handler executable in it.</summary>
    public static async Task<string> PublishHandlerAsync(string folder, CancellationToken ct)
    {
        await RunToEndAsync("bash", [Path.Combine(BuiltHandler.RepoRoot, "scripts", "publish.sh"), folder], ct);
        return Path.Combine(folder, "Outcomes.Functions");
    }

    /// <summary>Publishes <c>bench/Outcomes.Benchmarks.EmptyApp</c> into <paramref name="folder"/>; returns its executable.</summary>
    public static async Task<string> PublishEmptyAppAsync(string folder, CancellationToken ct)
    {
        await RunToEndAsync("dotnet", ["publish", Path.Combine(BuiltHandler.RepoRoot, "bench", "Outcomes.Benchmarks.EmptyApp", "Outcomes.Benchmarks.EmptyApp.csproj"),
            "--configuration", "Release", "--runtime", "linux-x64", "--self-contained", "true", "-p:PublishReadyToRun=true",
            "--artifacts-path", folder + ".build", "--output", folder, "--nologo"], ct);
        return Path.Combine(folder, "Outcomes.Benchmarks.EmptyApp");
    }

    /// <summary>A folder for a benchmark's published apps, under the benchmark project's <c>obj/</c>.</summary>
    public static string Folder(string benchmark, string app) =>
        Path.Combine(BuiltHandler.RepoRoot, "bench", "Outcomes.Benchmarks", "obj", benchmark, app);

    private static async Task RunToEndAsync(string file, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }
}
