using System.Text.Json.Nodes;
using Outcomes.Testing;

namespace Outcomes.Infrastructure.Tests;

/// <summary>The app root scripts/publish.sh makes, with its host.json and every function's bindings read once.</summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    public string Root { get; private set; } = "";

    public JsonNode Host { get; private set; } = null!;

    /// <summary>Each function folder of the app root (a folder holding a function.json) by name, with its bindings.</summary>
    public IReadOnlyDictionary<string, JsonArray> Functions { get; private set; } = new Dictionary<string, JsonArray>();

    public IEnumerable<JsonObject> Bindings => Functions.Values.SelectMany(b => b.Select(x => x!.AsObject()));

    public async Task InitializeAsync()
    {
        Root = await PublishedApp.RootAsync();
        Host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "host.json")))!;
        Functions = Directory.GetDirectories(Root)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .ToDictionary(
                folder => Path.GetFileName(folder),
                folder => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!["bindings"]!.AsArray());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
