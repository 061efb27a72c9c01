using System.Globalization;
using System.Reflection;

namespace Outcomes.LocalHost;

/// <summary>The command line. Others call these names: keep them stable.</summary>
internal sealed record LocalHostOptions(
    int Port,
    string AppRoot,
    string SettingsPath,
    bool SettingsPathGiven,
    string DataFolder,
    (int Blob, int Queue, int Table) AzuritePorts,
    int MaxDeliveryCount,
    bool Demo = false)
{
    public const string Usage = """
        Outcomes local host: runs the Functions app (custom handler) on this machine over Azurite.
          --port <n>                 HTTP port (default 7071; 0 lets the system choose)
          --app-root <dir>           Functions app root with host.json and */function.json (default: the built src/Outcomes.Functions)
          --settings <file>          local.settings.json (default <repo>/local.settings.json, created from local.settings.sample.json)
          --data <dir>               Azurite data and the outbox (default <repo>/.local)
          --azurite-ports <b,q,t>    blob,queue,table ports (default 10000,10001,10002; 0 lets the system choose all three)
          --max-delivery-count <n>   Service Bus deliveries before dead-lettering (default 10)
          --demo                     once started, seed three demo clinics with a year of synthetic patients through the API
        """;

    public static string RepoRoot { get; } = Metadata("OutcomesRepoRoot");

    public string AzuriteFolder => Path.Combine(DataFolder, "azurite");

    public string OutboxFolder => Path.Combine(DataFolder, "outbox");

    /// <exception cref="FormatException">An unknown option or a bad value; the message says which.</exception>
    public static LocalHostOptions Parse(IReadOnlyList<string> args, string repoRoot, string defaultAppRoot)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var demo = false;
        string[] known = ["--port", "--app-root", "--settings", "--data", "--azurite-ports", "--max-delivery-count"];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--demo") { demo = true; continue; }
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            if (!known.Contains(name)) throw new FormatException($"Unknown option '{args[i]}'.");
            value ??= i + 1 < args.Count ? args[++i] : throw new FormatException($"Option {name} needs a value.");
            given[name] = value;
        }

        var port = Number(given, "--port", 7071, 0, 65535);
        var ports = given.TryGetValue("--azurite-ports", out var p) ? AzuritePortsFrom(p) : (10000, 10001, 10002);
        var settings = given.TryGetValue("--settings", out var s) ? Path.GetFullPath(s) : Path.Combine(repoRoot, "local.settings.json");
        return new LocalHostOptions(
            port,
            Path.GetFullPath(given.GetValueOrDefault("--app-root", defaultAppRoot)),
            settings,
            given.ContainsKey("--settings"),
            Path.GetFullPath(given.GetValueOrDefault("--data", Path.Combine(repoRoot, ".local"))),
            ports,
            Number(given, "--max-delivery-count", 10, 1, 1000),
            demo);
    }

    private static (int, int, int) AzuritePortsFrom(string text)
    {
        if (text.Trim() == "0") return (0, 0, 0);
        var parts = text.Split(',');
        if (parts.Length != 3 || parts.Any(x => !int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 65535))
            throw new FormatException($"--azurite-ports '{text}' is not blob,queue,table (e.g. 10000,10001,10002) or 0.");
        var n = parts.Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return (n[0], n[1], n[2]);
    }

    private static int Number(Dictionary<string, string> given, string name, int fallback, int min, int max)
    {
        if (!given.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} '{text}' is not a whole number from {min} to {max}.");
    }

    internal static string Metadata(string key) => typeof(LocalHostOptions).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
