using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outcomes.LocalHost.Configuration;

/// <summary>The <c>Values</c> of local.settings.json: the app settings the real host would read from the Function App's configuration.</summary>
internal sealed partial class AppSettings(IReadOnlyDictionary<string, string> values, string source)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>Where the settings came from, named in error messages.</summary>
    public string Source { get; } = source;

    public string? this[string name] => Values.TryGetValue(name, out var value) ? value : null;

    public static AppSettings Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            foreach (var setting in section.EnumerateObject())
                values[setting.Name] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()! : setting.Value.GetRawText();
        return new AppSettings(values, path);
    }

    /// <summary>Replaces every <c>%Name%</c> with the app setting of that name, as the host does for binding properties and handler arguments.</summary>
    /// <param name="where">Names the place being expanded (function, binding, property) in the error for an unknown setting.</param>
    public string Expand(string text, string where) => Reference().Replace(text, m =>
        this[m.Groups["name"].Value] ?? throw new HostConfigurationException(
            $"{where} refers to app setting '{m.Groups["name"].Value}', which is not defined in the Values of {Source}."));

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex Reference();
}
