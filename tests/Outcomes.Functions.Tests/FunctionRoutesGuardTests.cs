using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Outcomes.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>Every function.json has a handler route, and every handler route has a function.json.</summary>
public sealed class FunctionRoutesGuardTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly string FunctionsFolder = Path.Combine(AzuriteFixture.RepoRoot, "src", "Outcomes.Functions");

    /// <summary>The path and methods the Functions host calls for each function, computed from its function.json.</summary>
    private static IEnumerable<(string Function, string Path, string[] Methods)> HostCalls()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepoRoot, "host.json")))!;
        var proxying = host["customHandler"]?["enableProxyingHttpRequest"]?.GetValue<bool>() ?? false;
        var prefix = host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        foreach (var file in Directory.GetFiles(FunctionsFolder, "function.json", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(file))!;
            var bindings = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray();
            var trigger = bindings.Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            var onlyHttp = bindings.All(b => b!["type"]!.GetValue<string>() is "httpTrigger" or "http");
            if (trigger["type"]!.GetValue<string>() == "httpTrigger" && proxying && onlyHttp)
                yield return (name, $"/{prefix}/{trigger["route"]?.GetValue<string>() ?? name}",
                    trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray());
            else
                yield return (name, "/" + name, ["POST"]);
        }
    }

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = app.Client;
        return app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    [Fact]
    public void Every_function_json_has_a_handler_route_for_the_path_and_method_the_host_calls()
    {
        var endpoints = Endpoints();
        var calls = HostCalls().ToList();

        Assert.Equal(24, calls.Count);
        foreach (var (function, path, methods) in calls)
        {
            var endpoint = endpoints.SingleOrDefault(e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path);
            Assert.True(endpoint is not null, $"{function}: no handler route for {path}.");
            var mapped = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods;
            Assert.True(methods.All(mapped.Contains), $"{function}: {path} is not mapped for {string.Join(",", methods)}.");
        }
    }

    [Fact]
    public void Every_handler_route_belongs_to_a_function_json()
    {
        var paths = HostCalls().Select(c => c.Path).ToHashSet();

        foreach (var endpoint in Endpoints())
            Assert.Contains("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), paths);
    }

    [Fact]
    public void Each_function_folder_holds_its_function_json_and_one_handler_file_of_the_same_name()
    {
        foreach (var (function, _, _) in HostCalls())
        {
            var files = Directory.GetFiles(Path.Combine(FunctionsFolder, function)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(new[] { $"{function}.cs", "function.json" }, files);
        }
    }
}
