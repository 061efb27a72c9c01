using System.Text.Json.Nodes;
using Outcomes.LocalHost;
using Outcomes.LocalHost.Configuration;

namespace Outcomes.LocalHost.Tests;

/// <summary>A clock that stands still where a test puts it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A Functions app root in a temporary folder: host.json plus one folder per function with its function.json.</summary>
internal sealed class TempAppRoot : IDisposable
{
    public TempAppRoot() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outcomes-lh-" + Guid.NewGuid().ToString("N")[..8]);

    public TempAppRoot WithHostJson(string json)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "host.json"), json);
        return this;
    }

    public TempAppRoot WithFunction(string name, string functionJson)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, name));
        File.WriteAllText(System.IO.Path.Combine(Path, name, "function.json"), functionJson);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class Functions
{
    public static AppSettings Settings(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase), "local.settings.json");

    public static HostConsole QuietConsole(TextWriter? writer = null) => new(writer ?? TextWriter.Null, TimeProvider.System);

    public static FunctionDefinition ServiceBusTriggered(string name, string queue) => Define(name, FunctionKind.ServiceBus,
        Binding("serviceBusTrigger", "in", "response", ("queueName", queue), ("connection", "ServiceBusConnection")));

    public static FunctionDefinition Define(string name, FunctionKind kind, params BindingDefinition[] bindings) =>
        new(name, kind, bindings.Single(b => b.IsTrigger), bindings);

    public static BindingDefinition Binding(string type, string direction, string name, params (string Key, string Value)[] properties)
    {
        var json = new JsonObject { ["type"] = type, ["direction"] = direction, ["name"] = name };
        foreach (var (key, value) in properties) json[key] = value;
        return new BindingDefinition(type, direction, name, json);
    }
}
