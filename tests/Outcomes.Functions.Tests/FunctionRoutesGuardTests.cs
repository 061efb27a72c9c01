using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Outcomes.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>Every function.json has a handler route, and every handler route has a function.json.</summary>
public sealed class FunctionRoutesGuardTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly string FunctionsFolder = Path.Combine(AzuriteFixture.RepoRoot, "src", "Outcomes.Functions", "Functions");

    /// <summary>
    /// The handler route and methods serving each function, computed from its function.json: an HTTP function's public
    /// route (proxied, or reached from its wrapped call through the adapter), else <c>POST /{FunctionName}</c>.
    /// </summary>
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
            if (trigger["type"]!.GetValue<string>() == "httpTrigger" && proxying)
                yield return (name, $"/{prefix}/{trigger["route"]?.GetValue<string>() ?? name}",
                    trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray());
            else
                yield return (name, "/" + name, ["POST"]);
        }
    }

    /// <summary>The functions the host calls wrapped: an HTTP trigger with another output besides HTTP.</summary>
    private static IEnumerable<string> WrappedHttpFunctionNames() =>
        Directory.GetFiles(FunctionsFolder, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => JsonNode.Parse(File.ReadAllText(f))!["bindings"]!.AsArray() is var b
                        && b.Any(x => x!["type"]!.GetValue<string>() == "httpTrigger") && b.Any(x => x!["type"]!.GetValue<string>() is not ("httpTrigger" or "http")))
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f))!);

    [Fact]
    public void The_adapter_takes_the_wrapped_call_of_exactly_the_http_functions_with_another_output()
    {
        _ = app.Client;
        var adapted = app.Service<WrappedHttpFunctions>().All.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(WrappedHttpFunctionNames().Order(StringComparer.Ordinal).ToList(), adapted);
        Assert.Equal(["EnterAnswerPage", "EnterClinicResponse", "SubmitSurveyResponse"], adapted);
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

        Assert.Equal(40, calls.Count);
        foreach (var (function, path, methods) in calls)
        {
            var mapped = endpoints.Where(e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path)
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods).ToList();
            Assert.True(mapped.Count > 0, $"{function}: no handler route for {path}.");
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

    private static IEnumerable<(string Function, JsonNode Trigger)> Triggers() =>
        Directory.GetFiles(FunctionsFolder, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetFileName(Path.GetDirectoryName(f))!,
                JsonNode.Parse(File.ReadAllText(f))!["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!));

    [Fact]
    public void No_http_route_begins_with_a_segment_the_functions_host_keeps_for_itself()
    {
        // The real host refuses a route under admin/ or runtime/ ("conflicts with one or more built in routes"), whatever the prefix.
        var routes = Triggers().Where(t => t.Trigger["route"] is not null).Select(t => t.Trigger["route"]!.GetValue<string>()).ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.False(r.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || r.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), r));
    }

    [Fact]
    public void The_dead_letter_listing_names_every_queue_trigger_with_its_function()
    {
        var queueTriggers = Triggers().Where(t => t.Trigger["type"]!.GetValue<string>() == "serviceBusTrigger")
            .ToDictionary(t => t.Trigger["queueName"]!.GetValue<string>(), t => t.Function);

        Assert.Equal(queueTriggers.OrderBy(q => q.Key, StringComparer.Ordinal), DeadLetterQueues.FunctionOf.OrderBy(q => q.Key, StringComparer.Ordinal));
    }
}
