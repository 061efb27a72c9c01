using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Outputs;

/// <summary>
/// Where mail (sendGrid) and SMS (twilioSms) outputs go locally instead of being sent: one JSON file per message,
/// named {yyyyMMddTHHmmssfff}-{function}-{binding}-{n}.json. Only the path is printed, never the content.
/// </summary>
internal sealed class Outbox(string folder, HostConsole console, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Folder { get; } = folder;

    public async Task<IReadOnlyList<string>> WriteAsync(string function, string binding, IReadOnlyList<JsonNode?> messages, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var written = new List<string>();
        var n = 0;
        foreach (var message in messages)
        {
            if (message is null) continue;
            var json = Readable(message).ToJsonString(Indented);
            while (true)
            {
                var path = Path.Combine(Folder, $"{stamp}-{function}-{binding}-{++n}.json");
                try
                {
                    await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    await using var writer = new StreamWriter(file);
                    await writer.WriteAsync(json.AsMemory(), ct);
                    written.Add(path);
                    console.Log($"Outbox: wrote {path}");
                    break;
                }
                catch (IOException) when (File.Exists(path)) { }   // another invocation in the same millisecond: take the next number
            }
        }
        return written;
    }

    /// <summary>A message the handler returned as JSON text is written as that JSON, so the file reads as the message.</summary>
    private static JsonNode Readable(JsonNode message)
    {
        if (message is JsonValue v && v.TryGetValue<string>(out var text))
        {
            try { return JsonNode.Parse(text) ?? message.DeepClone(); }
            catch (JsonException) { }
        }
        return message.DeepClone();
    }
}
