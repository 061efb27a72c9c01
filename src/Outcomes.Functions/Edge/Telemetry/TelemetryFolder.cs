using System.Text;
using System.Text.Json;

namespace Outcomes.Functions;

/// <summary>
/// A folder that receives what this process exports, one JSON object a line, in a file per signal and process
/// (<c>spans-{pid}.jsonl</c>, <c>logs-{pid}.jsonl</c>, <c>metrics-{pid}.jsonl</c>), so a restarted handler never
/// writes into its predecessor's lines. Each batch is appended and flushed before the exporter returns.
/// </summary>
internal sealed class TelemetryFolder(string file)
{
    private readonly Lock writing = new();

    public static TelemetryFolder For(string folder, string signal)
    {
        Directory.CreateDirectory(folder);
        return new TelemetryFolder(Path.Combine(folder, $"{signal}-{Environment.ProcessId}.jsonl"));
    }

    public void Append(IEnumerable<string> lines)
    {
        var text = string.Concat(lines.Select(l => l + "\n"));
        lock (writing)
            File.AppendAllText(file, text);
    }

    /// <summary>One JSON object as a line of text.</summary>
    public static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A tag's value as text: arrays joined with commas, everything else in the invariant culture.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Text)),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static void WriteTags(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in tags)
            json.WriteString(key, Text(value));
        json.WriteEndObject();
    }
}
