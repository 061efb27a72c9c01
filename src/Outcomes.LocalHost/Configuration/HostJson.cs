using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Configuration;

/// <summary>The parts of host.json the local host honours.</summary>
internal sealed record HostJson(
    string DefaultExecutablePath,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    bool EnableProxyingHttpRequest,
    string RoutePrefix,
    int MaxConcurrentCalls,
    TimeSpan? FunctionTimeout)
{
    /// <summary>The host's per-call limit: one minute over functionTimeout (DefaultHttpWorkerService); none when unbounded.</summary>
    public TimeSpan InvocationTimeout => FunctionTimeout is { } t ? t + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan;

    internal static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static HostJson Load(string appRoot, AppSettings settings)
    {
        var path = Path.Combine(appRoot, "host.json");
        if (!File.Exists(path))
            throw new HostConfigurationException($"There is no host.json in the app root {appRoot}. Build src/Outcomes.Functions, or pass --app-root.");
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient) as JsonObject ?? throw new JsonException("not an object"); }
        catch (JsonException e) { throw new HostConfigurationException($"{path} is not valid JSON: {e.Message}"); }

        var handler = root["customHandler"] as JsonObject
            ?? throw new HostConfigurationException($"{path} has no customHandler section: the local host runs custom handlers only.");
        var description = handler["description"] as JsonObject
            ?? throw new HostConfigurationException($"{path} has no customHandler.description.");
        var executable = description["defaultExecutablePath"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(executable))
            throw new HostConfigurationException($"{path} names no customHandler.description.defaultExecutablePath.");
        var arguments = (description["arguments"] as JsonArray ?? [])
            .Select((a, i) => settings.Expand(a?.ToString() ?? "", $"host.json customHandler.description.arguments[{i}]"))
            .ToList();

        var timeout = root["functionTimeout"]?.GetValue<string>() switch
        {
            null => TimeSpan.FromMinutes(30),   // the default on Premium, Dedicated and Flex Consumption plans
            "-1" => (TimeSpan?)null,
            var text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) => t,
            var text => throw new HostConfigurationException($"{path}: functionTimeout '{text}' is not a time span (hh:mm:ss)."),
        };

        return new HostJson(
            executable,
            arguments,
            description["workingDirectory"]?.GetValue<string>() ?? "",
            Flag(handler, "enableProxyingHttpRequest") ?? Flag(handler, "enableForwardingHttpRequest") ?? false,
            root["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api",
            root["extensions"]?["serviceBus"]?["maxConcurrentCalls"]?.GetValue<int>() ?? 16,
            timeout);
    }

    private static bool? Flag(JsonObject section, string name) => section[name]?.GetValue<bool>();
}
