using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Outcomes.Infrastructure.Tests;

/// <summary>
/// The folder scripts/publish.sh makes is a Functions app root the real host can run, as the custom-handler docs and
/// the host's source describe it: host.json at the root, one folder per function, the handler at the path host.json
/// names (resolved against the app root, the working directory too), self-contained for linux-x64 and ReadyToRun.
/// </summary>
public sealed class PublishedAppLayoutTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    private static readonly string SourceFunctions = Path.Combine(Bicep.RepoRoot, "src", "Outcomes.Functions", "Functions");

    private string Description(string property) => app.Host["customHandler"]!["description"]![property]!.GetValue<string>();

    [Fact]
    public void Host_json_at_the_app_root_is_the_repository_s_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Bicep.RepoRoot, "host.json")), File.ReadAllText(Path.Combine(app.Root, "host.json")));
        Assert.Equal("2.0", app.Host["version"]!.GetValue<string>());
        Assert.True(app.Host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_root_holds_exactly_the_handler_s_functions_each_with_its_function_json_as_written()
    {
        // The handler maps a route for each of these (FunctionRoutesGuardTests), so each published folder has its route.
        var source = Directory.GetDirectories(SourceFunctions).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.True(source.Count > 20, $"{source.Count} function folders in the source");
        Assert.Equal(source, app.Functions.Keys.Order(StringComparer.Ordinal));
        foreach (var name in source)
            Assert.Equal(File.ReadAllText(Path.Combine(SourceFunctions, name!, "function.json")), File.ReadAllText(Path.Combine(app.Root, name!, "function.json")));
    }

    [Fact]
    public void The_handler_is_a_linux_x64_executable_at_the_path_host_json_names_with_its_working_directory_inside_the_app_root()
    {
        // The host resolves defaultExecutablePath and workingDirectory against the app root (HttpWorkerOptionsSetup).
        var executable = Path.Combine(app.Root, Description("defaultExecutablePath"));
        var workingDirectory = Path.GetFullPath(Path.Combine(app.Root, Description("workingDirectory")));

        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable");
        var header = File.ReadAllBytes(executable).AsSpan(0, 20).ToArray();
        Assert.Equal("\u007FELF"u8.ToArray(), header[..4]);
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18));   // e_machine: x86-64
        Assert.True(Directory.Exists(workingDirectory), $"{workingDirectory} is not a folder");
        Assert.StartsWith(Path.GetFullPath(app.Root), workingDirectory);
        // The handler reads its texts and the published benchmarks beside its binaries.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(executable)!, "Texts"), "*.json"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(executable)!, "Benchmarks"), "*.json"));
    }

    [Fact]
    public void The_handler_carries_its_own_runtime_and_needs_no_dotnet_installed()
    {
        var folder = Path.GetDirectoryName(Path.Combine(app.Root, Description("defaultExecutablePath")))!;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "Outcomes.Functions.runtimeconfig.json")))!["runtimeOptions"]!;

        // A framework-dependent app names "framework(s)" to look up in a .NET installation; a self-contained one only
        // records the frameworks it includes.
        Assert.Null(config["framework"]);
        Assert.Null(config["frameworks"]);
        var included = config["includedFrameworks"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Microsoft.NETCore.App", included);
        Assert.Contains("Microsoft.AspNetCore.App", included);
        foreach (var native in new[] { "libhostfxr.so", "libhostpolicy.so", "libcoreclr.so", "libclrjit.so", "System.Private.CoreLib.dll" })
            Assert.True(File.Exists(Path.Combine(folder, native)), $"{native} is not beside the handler");
    }

    [Theory]
    [InlineData("Outcomes.Functions.dll")]
    [InlineData("Outcomes.Storage.dll")]
    [InlineData("Outcomes.Domain.dll")]
    [InlineData("Azure.Data.Tables.dll")]
    public void The_handler_s_assemblies_are_precompiled_ready_to_run(string assembly)
    {
        var folder = Path.GetDirectoryName(Path.Combine(app.Root, Description("defaultExecutablePath")))!;
        using var reader = new PEReader(File.OpenRead(Path.Combine(folder, assembly)));

        // ReadyToRun code is announced by the CLI header's managed native header (empty in an IL-only assembly).
        Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is IL only");
        // Compiled for Linux on x64: crossgen marks the target OS by XOR-ing the machine type (0x7B79 for Linux).
        Assert.Equal((ushort)Machine.Amd64, (ushort)((ushort)reader.PEHeaders.CoffHeader.Machine ^ 0x7B79));
    }
}
