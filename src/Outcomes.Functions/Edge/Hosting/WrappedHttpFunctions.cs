using System.Text.Json.Nodes;

namespace Outcomes.Functions;

/// <summary>
/// The HTTP functions the host calls wrapped: an HTTP trigger with another output beside its <c>http</c> one (e.g. a
/// Service Bus message). Read from the app root's <c>*/function.json</c>, the same files the host reads, so that the
/// adapter and the host cannot disagree about which functions these are.
/// </summary>
internal sealed class WrappedHttpFunctions(IReadOnlyList<WrappedHttpFunction> functions)
{
    public IReadOnlyList<WrappedHttpFunction> All => functions;

    public WrappedHttpFunction? Named(PathString path) =>
        functions.FirstOrDefault(f => path.Equals("/" + f.Name, StringComparison.OrdinalIgnoreCase));

    public static WrappedHttpFunctions Load(string appRoot, string routePrefix = "api")
    {
        var found = new List<WrappedHttpFunction>();
        foreach (var folder in Directory.GetDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file) || JsonNode.Parse(File.ReadAllText(file))?["bindings"] is not JsonArray bindings)
                continue;
            var trigger = bindings.FirstOrDefault(b => Type(b) == "httpTrigger");
            var httpOut = bindings.FirstOrDefault(b => Type(b) == "http" && (string?)b!["direction"] == "out");
            if (trigger is null || httpOut is null || bindings.All(b => Type(b) is "httpTrigger" or "http"))
                continue;
            var name = Path.GetFileName(folder);
            var route = (string?)trigger["route"] ?? name;
            found.Add(new WrappedHttpFunction(name, (string)trigger["name"]!, (string)httpOut["name"]!, $"{routePrefix}/{route}"));
        }
        return new WrappedHttpFunctions(found);
    }

    private static string? Type(JsonNode? binding) => (string?)binding?["type"];
}

/// <summary>One wrapped HTTP function: its name, its trigger's and HTTP output's binding names, its public route.</summary>
internal sealed record WrappedHttpFunction(string Name, string TriggerName, string HttpOutputName, string Route)
{
    /// <summary>
    /// The request path the host matched, rebuilt from the route and the route values it passes in <c>Params</c>: exact
    /// whatever the values hold (spaces, '#', '?', backslashes), where a URL may carry them unescaped.
    /// </summary>
    /// <returns>The path, or null when a route value is missing.</returns>
    public PathString? PathFor(IReadOnlyDictionary<string, string> routeValues)
    {
        var segments = new List<string>();
        foreach (var segment in Route.Split('/'))
        {
            if (!segment.StartsWith('{'))
            {
                segments.Add(segment);
                continue;
            }
            var name = segment.Trim('{', '}').Split(':', '?', '=')[0];
            if (!routeValues.TryGetValue(name, out var value))
                return null;
            segments.Add(Uri.EscapeDataString(value));
        }
        return PathString.FromUriComponent("/" + string.Join('/', segments));
    }
}
