using System.Diagnostics;
using System.Reflection;

namespace Outcomes.Infrastructure.Tests;

/// <summary>Runs the real Bicep CLI (from the Azure.Bicep.CommandLine.linux-x64 package) on the repo's infra/.</summary>
internal static class Bicep
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string RepoRoot { get; } = Path.GetFullPath(Metadata("OutcomesRepoRoot"));

    public static string InfraDirectory => Path.Combine(RepoRoot, "infra");

    public static string MainTemplate => Path.Combine(InfraDirectory, "main.bicep");

    public static string ExecutablePath { get; } = Metadata("BicepPath");

    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(ExecutablePath), $"The Bicep compiler is not at {ExecutablePath}.");

        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran past {Timeout}.");
        }
        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing: see the test project file.");
}

public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
