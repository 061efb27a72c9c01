using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>One change to a JSON body at one place (a field's path: <c>contact.email</c>, <c>levels[1]</c>; <c>""</c> for the body).</summary>
internal abstract record JsonEdit;

/// <summary>The value written as these bytes (which need not be JSON at all).</summary>
internal sealed record ReplaceValue(byte[] Raw) : JsonEdit
{
    public static ReplaceValue Text(string raw) => new(Encoding.UTF8.GetBytes(raw));
}

/// <summary>The property's name written as these bytes, quotes included.</summary>
internal sealed record ReplaceName(byte[] Raw) : JsonEdit;

/// <summary>The property written once more, under this name (bytes, quotes included), with the same value.</summary>
internal sealed record RepeatProperty(byte[] NameRaw) : JsonEdit;

/// <summary>One more property at the end of the object at the path.</summary>
internal sealed record AddProperty(byte[] NameRaw, byte[] ValueRaw) : JsonEdit;

/// <summary>A place in a JSON template: a property's value or an array's item.</summary>
internal sealed record JsonSlot(string Path, JsonValueKind Kind, string? Name, string? Text);

/// <summary>Writes a JSON template as bytes with edits applied, which is how malformed bodies are made: no serializer would write them.</summary>
internal static class JsonBodies
{
    public static byte[] Write(JsonNode template, params (string Path, JsonEdit Edit)[] edits)
    {
        var lookup = edits.ToLookup(e => e.Path, e => e.Edit);
        using var buffer = new MemoryStream();
        WriteValue(buffer, template, "", lookup);
        return buffer.ToArray();
    }

    public static byte[] Compact(JsonNode template) => Write(template);

    /// <summary>Every property value and array item, depth first; the body itself is not one.</summary>
    public static IReadOnlyList<JsonSlot> Slots(JsonNode template)
    {
        var slots = new List<JsonSlot>();
        Collect(template, "", slots);
        return slots;
    }

    /// <summary>The objects of the template (the body first), where a property can be added.</summary>
    public static IReadOnlyList<string> Objects(JsonNode template) =>
        [.. new[] { "" }.Concat(Slots(template).Where(s => s.Kind == JsonValueKind.Object).Select(s => s.Path))];

    /// <summary>A JSON string token: <paramref name="before"/>, then raw bytes (an escape, invalid UTF-8), then <paramref name="after"/>.</summary>
    public static byte[] StringWith(string before, byte[] raw, string after) =>
        [(byte)'"', .. Escaped(before), .. raw, .. Escaped(after), (byte)'"'];

    public static byte[] StringToken(string value) => Encoding.UTF8.GetBytes(JsonValue.Create(value)!.ToJsonString());

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Escaped(string text)
    {
        var token = StringToken(text);
        return token[1..^1];
    }

    private static void Collect(JsonNode? node, string path, List<JsonSlot> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    slots.Add(new JsonSlot(at, KindOf(value), name, value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null));
                    Collect(value, at, slots);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = $"{path}[{i}]";
                    slots.Add(new JsonSlot(at, KindOf(array[i]), null, array[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null));
                    Collect(array[i], at, slots);
                }
                break;
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static void WriteValue(MemoryStream to, JsonNode? node, string path, ILookup<string, JsonEdit> edits)
    {
        if (edits[path].OfType<ReplaceValue>().FirstOrDefault() is { } replaced)
        {
            to.Write(replaced.Raw);
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                to.WriteByte((byte)'{');
                var first = true;
                void Property(byte[] name, JsonNode? value, string at)
                {
                    if (!first) to.WriteByte((byte)',');
                    first = false;
                    to.Write(name);
                    to.WriteByte((byte)':');
                    WriteValue(to, value, at, edits);
                }
                foreach (var (name, value) in obj)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    Property(edits[at].OfType<ReplaceName>().FirstOrDefault()?.Raw ?? StringToken(name), value, at);
                    foreach (var repeat in edits[at].OfType<RepeatProperty>())
                        Property(repeat.NameRaw, value, at);
                }
                foreach (var added in edits[path].OfType<AddProperty>())
                {
                    if (!first) to.WriteByte((byte)',');
                    first = false;
                    to.Write(added.NameRaw);
                    to.WriteByte((byte)':');
                    to.Write(added.ValueRaw);
                }
                to.WriteByte((byte)'}');
                break;
            case JsonArray array:
                to.WriteByte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) to.WriteByte((byte)',');
                    WriteValue(to, array[i], $"{path}[{i}]", edits);
                }
                to.WriteByte((byte)']');
                break;
            default:
                to.Write(Utf8(node?.ToJsonString() ?? "null"));
                break;
        }
    }
}
