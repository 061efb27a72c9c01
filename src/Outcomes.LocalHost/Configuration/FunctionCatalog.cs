using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Configuration;

/// <summary>Reads every <c>*/function.json</c> of an app root, as the host indexes a custom handler app.</summary>
internal static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> Load(string appRoot, AppSettings settings, bool enableProxyingHttpRequest)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var folder in Directory.EnumerateDirectories(appRoot).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "function.json");
            if (File.Exists(path))
                functions.Add(LoadOne(Path.GetFileName(folder), path, settings, enableProxyingHttpRequest));
        }
        if (functions.Count == 0)
            throw new HostConfigurationException($"The app root {appRoot} has no */function.json: there is nothing to host.");
        return functions;
    }

    private static FunctionDefinition LoadOne(string name, string path, AppSettings settings, bool proxying)
    {
        JsonArray raw;
        try
        {
            raw = (JsonNode.Parse(File.ReadAllText(path), documentOptions: HostJson.Lenient) as JsonObject)?["bindings"] as JsonArray
                ?? throw new HostConfigurationException($"Function '{name}': {path} has no bindings array.");
        }
        catch (JsonException e) { throw new HostConfigurationException($"Function '{name}': {path} is not valid JSON: {e.Message}"); }

        var bindings = raw.Select((node, i) => ReadBinding(name, node as JsonObject, i, settings)).ToList();
        var triggers = bindings.Where(b => b.IsTrigger).ToList();
        if (triggers.Count != 1)
            throw new HostConfigurationException($"Function '{name}' has {triggers.Count} trigger bindings; a function has exactly one.");
        var trigger = triggers[0];

        var kind = trigger.Type.ToLowerInvariant() switch
        {
            "httptrigger" when proxying && bindings.Count == 2 && bindings.Any(b => b.IsOutput && b.Type.Equals(BindingTypes.Http, StringComparison.OrdinalIgnoreCase))
                => FunctionKind.ProxiedHttp,
            "httptrigger" => FunctionKind.WrappedHttp,
            "timertrigger" => FunctionKind.Timer,
            _ => FunctionKind.ServiceBus,
        };
        // As the real host refuses it: its own admin API lives under /admin, whatever the route prefix.
        if (kind is FunctionKind.ProxiedHttp or FunctionKind.WrappedHttp && (trigger.Get("route") ?? name).StartsWith("admin", StringComparison.OrdinalIgnoreCase))
            throw new HostConfigurationException($"Function '{name}', binding '{trigger.Name}': the specified route conflicts with one or more built in routes (admin).");
        if (kind == FunctionKind.Timer)
        {
            var schedule = trigger.Get("schedule") ?? throw new HostConfigurationException($"Function '{name}', binding '{trigger.Name}': a timer trigger needs a schedule.");
            try { CronSchedule.Parse(schedule); }
            catch (FormatException e) { throw new HostConfigurationException($"Function '{name}', binding '{trigger.Name}': {e.Message}"); }
        }
        if (kind == FunctionKind.ServiceBus && string.IsNullOrEmpty(trigger.Get("queueName")))
            throw new HostConfigurationException($"Function '{name}', binding '{trigger.Name}': the local host carries Service Bus queues only; give a queueName.");
        foreach (var output in bindings.Where(b => b.IsOutput && b.Type.Equals(BindingTypes.ServiceBus, StringComparison.OrdinalIgnoreCase)))
            if (string.IsNullOrEmpty(output.Get("queueName")))
                throw new HostConfigurationException($"Function '{name}', binding '{output.Name}': the local host carries Service Bus queues only; give a queueName.");
        return new FunctionDefinition(name, kind, trigger, bindings);
    }

    private static BindingDefinition ReadBinding(string function, JsonObject? node, int index, AppSettings settings)
    {
        if (node is null)
            throw new HostConfigurationException($"Function '{function}': binding #{index + 1} is not a JSON object.");
        string Required(string property) => node[property] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw new HostConfigurationException($"Function '{function}': binding #{index + 1} has no '{property}'.");
        var (type, direction, name) = (Required("type"), Required("direction"), Required("name"));
        if (!BindingTypes.Supported.Contains(type))
            throw new HostConfigurationException(
                $"Function '{function}', binding '{name}': type '{type}' is not carried by the Outcomes local host " +
                $"(it carries {string.Join(", ", BindingTypes.Supported)}).");

        var expanded = new JsonObject();
        foreach (var (property, value) in node)
            expanded[property] = value is JsonValue v && v.TryGetValue<string>(out var text)
                ? settings.Expand(text, $"Function '{function}', binding '{name}' ({property})")
                : value?.DeepClone();
        return new BindingDefinition(type, direction, name, expanded);
    }
}
