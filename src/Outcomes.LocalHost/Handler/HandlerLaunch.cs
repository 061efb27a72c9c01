using Outcomes.LocalHost.Configuration;

namespace Outcomes.LocalHost.Handler;

/// <summary>What starts the custom handler: the executable, arguments, working directory and environment the host gives it.</summary>
internal sealed record HandlerLaunch(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// As the host resolves customHandler.description (HttpWorkerDescription, HttpWorkerOptionsSetup): the working directory
    /// and the executable each relative to the app root (the app root when the directory is empty), the executable falling
    /// back to the PATH (e.g. "node").
    /// </summary>
    public static HandlerLaunch From(string appRoot, HostJson host, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Path.GetFullPath(Path.Combine(appRoot, host.WorkingDirectory));
        var executable = Path.GetFullPath(Path.Combine(appRoot, host.DefaultExecutablePath));
        if (!File.Exists(executable) && File.Exists(executable + ".exe")) executable += ".exe";
        if (!File.Exists(executable))
        {
            if (Path.IsPathRooted(host.DefaultExecutablePath) || host.DefaultExecutablePath.Contains('/') || host.DefaultExecutablePath.Contains('\\'))
                throw new HostConfigurationException($"The handler executable {executable} does not exist. Build src/Outcomes.Functions first.");
            executable = host.DefaultExecutablePath;   // resolved on the PATH by the operating system
        }
        return new HandlerLaunch(executable, host.Arguments, workingDirectory, environment);
    }
}
