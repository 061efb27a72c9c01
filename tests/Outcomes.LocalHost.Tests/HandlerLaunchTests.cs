using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Handler;

namespace Outcomes.LocalHost.Tests;

/// <summary>customHandler.description resolved as the Functions host resolves it: both paths against the app root.</summary>
public sealed class HandlerLaunchTests : IDisposable
{
    private readonly string appRoot = Directory.CreateTempSubdirectory("outcomes-launch-").FullName;

    private static HostJson Host(string executable, string workingDirectory) =>
        new(executable, [], workingDirectory, EnableProxyingHttpRequest: true, RoutePrefix: "api", MaxConcurrentCalls: 16, FunctionTimeout: null);

    [Fact]
    public void The_executable_and_the_working_directory_are_each_relative_to_the_app_root()
    {
        Directory.CreateDirectory(Path.Combine(appRoot, "app"));
        File.WriteAllText(Path.Combine(appRoot, "app", "handler"), "");

        // The docs' own example: "defaultExecutablePath": "app/handler.exe" with "workingDirectory": "app".
        var launch = HandlerLaunch.From(appRoot, Host("app/handler", "app"), new Dictionary<string, string>());

        Assert.Equal(Path.Combine(appRoot, "app", "handler"), launch.FileName);
        Assert.Equal(Path.Combine(appRoot, "app"), launch.WorkingDirectory);
    }

    [Fact]
    public void An_empty_working_directory_is_the_app_root_and_a_bare_name_not_in_it_is_looked_up_on_the_path()
    {
        File.WriteAllText(Path.Combine(appRoot, "Outcomes.Functions"), "");

        Assert.Equal(Path.Combine(appRoot, "Outcomes.Functions"), HandlerLaunch.From(appRoot, Host("Outcomes.Functions", ""), new Dictionary<string, string>()).FileName);
        Assert.Equal(appRoot, HandlerLaunch.From(appRoot, Host("node", ""), new Dictionary<string, string>()).WorkingDirectory.TrimEnd('/'));
        Assert.Equal("node", HandlerLaunch.From(appRoot, Host("node", ""), new Dictionary<string, string>()).FileName);
    }

    [Fact]
    public void A_missing_executable_named_by_a_path_stops_the_host_with_the_path_it_looked_at()
    {
        var error = Assert.Throws<HostConfigurationException>(() => HandlerLaunch.From(appRoot, Host("app/handler", "app"), new Dictionary<string, string>()));

        Assert.Contains(Path.Combine(appRoot, "app", "handler"), error.Message);
    }

    public void Dispose() => Directory.Delete(appRoot, recursive: true);
}
