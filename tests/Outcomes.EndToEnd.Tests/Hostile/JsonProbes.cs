using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Outcomes.EndToEnd.Tests.Hostile.JsonBodies;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>A JSON door with real targets (the open survey links in turn) and a key, and the valid body its hostile bodies are made from.</summary>
internal sealed class JsonTarget(ApiDoor door, HostileWorld world, string? key, JsonObject template)
{
    private int turn;

    public ApiDoor Door => door;

    public JsonObject Template => template;

    public IReadOnlyList<JsonSlot> Slots { get; } = JsonBodies.Slots(template);

    public IEnumerable<JsonSlot> Strings => Slots.Where(s => s.Kind == JsonValueKind.String);

    public IEnumerable<JsonSlot> Properties => Slots.Where(s => s.Name is not null);

    public Probe Probe(string input, byte[] body) => new Probe(door.Name, input, door.Method, door.Path(world, turn: turn++)).WithKey(key).WithJson(body, door.JsonType);

    public Probe Edited(string input, params (string Path, JsonEdit Edit)[] edits) => Probe(input, Write(Template, edits));

    /// <summary>
    /// Another place than <paramref name="slot"/> (neither inside it nor around it) made the wrong type, so the body is
    /// refused whatever the slot holds; in a body with no such place, the body's first property given twice.
    /// </summary>
    public (string Path, JsonEdit Edit) Elsewhere(JsonSlot slot) =>
        Slots.FirstOrDefault(s => s.Kind is JsonValueKind.String or JsonValueKind.Number
            && !s.Path.StartsWith(slot.Path, StringComparison.Ordinal) && !slot.Path.StartsWith(s.Path, StringComparison.Ordinal)) is { } other
            ? (other.Path, ReplaceValue.Text("true"))
            : (Slots[0].Path, new RepeatProperty(JsonBodies.StringToken(Slots[0].Name ?? "hostile")));

    public static IReadOnlyList<JsonTarget> All(HostileHost app) => app.Doors.Json.Select(door => new JsonTarget(door, app.World,
        door.Keyed ? app.World.KeyFor(door.Callers) : null,
        JsonTemplates.For(door.Name, app.World) ?? JsonTemplates.FromSchema(door.BodySchema, app.Doors.Document) as JsonObject ?? new JsonObject { ["hostile"] = "value" }))
        .ToList();
}

/// <summary>Hostile JSON bodies, generated from each door's valid template: every field, every name, every kind of fault.</summary>
internal static class JsonProbes
{
    public static IEnumerable<Probe> LoneSurrogatesInStrings(JsonTarget t) =>
        from slot in t.Strings
        from escape in HostileText.SurrogateEscapes
        let text = slot.Text ?? ""
        select t.Edited($"{slot.Path}: lone surrogate {escape} in the value",
            (slot.Path, new ReplaceValue(StringWith(text[..(text.Length / 2)], Utf8(escape), text[(text.Length / 2)..])))).Expecting(400);

    public static IEnumerable<Probe> LoneSurrogatesInNames(JsonTarget t) =>
        (from slot in t.Properties
         from escape in new[] { "\\ud800", "\\udfff" }
         select t.Edited($"{slot.Path}: lone surrogate {escape} in the name", (slot.Path, new ReplaceName(StringWith(slot.Name!, Utf8(escape), "")))))
        .Concat(from path in JsonBodies.Objects(t.Template)
                from escape in new[] { "\\ud800", "\\udc00x" }
                select t.Edited($"{(path.Length == 0 ? "body" : path)}: one more property named {escape}",
                    (path, new AddProperty(StringWith("", Utf8(escape), ""), Utf8("1")))))
        .Select(p => p.Expecting(400));

    public static IEnumerable<Probe> InvalidUtf8(JsonTarget t) =>
        (from slot in t.Strings
         from bytes in HostileText.InvalidUtf8
         let text = slot.Text ?? ""
         select t.Edited($"{slot.Path}: {bytes.Name} in the value", (slot.Path, new ReplaceValue(StringWith(text[..(text.Length / 2)], bytes.Bytes, text[(text.Length / 2)..])))))
        .Concat(from slot in t.Properties
                from bytes in HostileText.InvalidUtf8.Take(3)
                select t.Edited($"{slot.Path}: {bytes.Name} in the name", (slot.Path, new ReplaceName(StringWith(slot.Name!, bytes.Bytes, "")))))
        .Concat(
        [
            t.Probe("a Latin-1 'ü' (0xFC) in the first string", Latin1Body(t)),
            t.Probe("0xFF before the first property", [(byte)'{', 0xFF, .. Compact(t.Template)[1..]]),
            t.Probe("UTF-16 (little endian) body", Encoding.Unicode.GetBytes(t.Template.ToJsonString())),
            t.Probe("UTF-32 body", Encoding.UTF32.GetBytes(t.Template.ToJsonString())),
        ])
        .Select(p => p.Expecting(400));

    public static IEnumerable<Probe> DuplicateKeys(JsonTarget t) =>
        from slot in t.Properties
        from spelling in new[] { slot.Name!, char.ToUpperInvariant(slot.Name![0]) + slot.Name[1..], slot.Name.ToUpperInvariant() }.Distinct()
        select t.Edited($"{slot.Path}: twice, the second as \"{spelling}\"", (slot.Path, new RepeatProperty(StringToken(spelling)))).Expecting(400);

    public static IEnumerable<Probe> MalformedJson(JsonTarget t, int seed)
    {
        var valid = Encoding.UTF8.GetString(Compact(t.Template));
        string[] malformed =
        [
            "", " ", "{", "}", "[", "{]", "[}", "{{}}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{'a':'b'}", "{a: \"b\"}", "{\"a\":01}",
            "{\"a\":.5}", "{\"a\":+1}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":undefined}", "{\"a\":tru}", "{\"a\":\"b}", "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}", "{\"a\":\"\t\"}", "{\"a\":\"\n\"}", "// comment\n{}", "/* comment */{}", "{} {}", "{}x", "[]", "[{}]", "null",
            "true", "1", "\"a string\"", "\0", "{\"a\":1}\0",
            valid + "}", valid + ",", valid + valid, "[" + valid + "]", valid[..^1] + ",}", valid.Replace('"', '\''), valid.Replace(":", " : ,"),
            "// the body\n" + valid, valid + " /* trailing */", valid.Replace("\"", "\\\""), "{\"body\":" + valid + "}",
        ];
        var cuts = Enumerable.Range(1, valid.Length - 1).ToList();
        var truncations = new[] { 1, valid.Length - 1 }.Concat(HostileText.Pick(cuts, 40, seed)).Distinct()
            .Select(n => t.Probe($"cut after {n} of {valid.Length} characters", Utf8(valid[..n])));
        return malformed.Select((text, i) => t.Probe($"malformed #{i}: {HostileText.Show(text, 60)}", Utf8(text)))
            .Concat(truncations).Select(p => p.Expecting(400));
    }

    public static IEnumerable<Probe> WrongTypes(JsonTarget t) =>
        from slot in t.Slots
        from wrong in WrongFor(slot.Kind)
        select t.Edited($"{slot.Path}: {wrong} instead of a {slot.Kind.ToString().ToLowerInvariant()}", (slot.Path, ReplaceValue.Text(wrong))).Expecting(400);

    public static IEnumerable<Probe> ControlCharacters(JsonTarget t) =>
        (from slot in t.Strings
         from control in HostileText.ControlCharacters
         let text = slot.Text ?? ""
         select t.Edited($"{slot.Path}: U+{(int)control[0]:X4} in the value",
             (slot.Path, new ReplaceValue(StringWith(text[..(text.Length / 2)], Utf8($"\\u{(int)control[0]:x4}"), text[(text.Length / 2)..])))))
        .Concat(from slot in t.Strings
                from raw in new byte[] { 0x00 }
                let text = slot.Text ?? ""
                select t.Edited($"{slot.Path}: a raw 0x{raw:X2} byte inside the string",
                    (slot.Path, new ReplaceValue(StringWith(text[..(text.Length / 2)], [raw], text[(text.Length / 2)..])))))
        .Select(p => p.Expecting(400));

    public static IEnumerable<Probe> HugeValues(JsonTarget t) =>
        (from slot in t.Strings
         select t.Edited($"{slot.Path}: a 60 KB string", (slot.Path, new ReplaceValue(StringToken(HostileText.Huge)))))
        .Concat(from slot in t.Slots.Where(s => s.Kind == JsonValueKind.Number)
                select t.Edited($"{slot.Path}: a number of 60,000 digits", (slot.Path, ReplaceValue.Text(new string('7', 60_000)))))
        .Concat(from slot in t.Strings.Take(1)
                select t.Edited("one more property with a 60 KB name", ("", new AddProperty(StringToken(HostileText.Huge), Utf8("1"))), t.Elsewhere(slot)))
        .Select(p => (p with { NeverEchoed = HostileText.HugeRun }).Expecting(400));

    public static IEnumerable<Probe> OversizedBodies(JsonTarget t)
    {
        var padded = Write(t.Template, ("", new AddProperty(StringToken("padding"), StringToken(HostileText.Huge + HostileText.Huge))));
        var mebibyte = Write(t.Template, ("", new AddProperty(StringToken("padding"), StringToken(new string('p', 1024 * 1024)))));
        return
        [
            t.Probe($"{padded.Length / 1024} KiB body", padded).Expecting(413),
            t.Probe($"{padded.Length / 1024} KiB body, chunked", padded) with { Chunked = true, Statuses = [413] },
            t.Probe("1 MiB body", mebibyte).Expecting(413),
            t.Probe("1 MiB body, chunked", mebibyte) with { Chunked = true, Statuses = [413] },
        ];
    }

    public static IEnumerable<Probe> DeepNesting(JsonTarget t) =>
        new[] { 33, 64, 1_000, 20_000, 40_000 }.Select(depth => t.Probe($"arrays nested {depth} deep", Utf8(new string('[', depth) + new string(']', depth)))
                .Expecting(2 * depth > 64 * 1024 ? 413 : 400))
            .Concat(new[] { 33, 500 }.Select(depth => t.Probe($"objects nested {depth} deep",
                Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))).Expecting(400)))
            .Concat(t.Slots.Where(s => !s.Path.Contains('.') && !s.Path.Contains('[')).Take(3).Select(slot =>
                t.Edited($"{slot.Path}: arrays nested 5,000 deep", (slot.Path, ReplaceValue.Text(new string('[', 5_000) + new string(']', 5_000)))).Expecting(400)));

    public static IEnumerable<Probe> Injections(JsonTarget t, int seed) =>
        (from slot in t.Strings.Select((s, i) => (s, i))
         from injection in HostileText.Pick(HostileText.Injections, 5, seed + slot.i)
         select t.Edited($"{slot.s.Path}: {HostileText.Show(injection, 50)} (and {t.Elsewhere(slot.s).Path} wrong)",
             (slot.s.Path, new ReplaceValue(StringToken(injection))), t.Elsewhere(slot.s)))
        .Concat(from slot in t.Slots.Where(s => s.Kind == JsonValueKind.Number)
                from injection in HostileText.Pick(HostileText.Injections, 2, seed + slot.Path.Length)
                select t.Edited($"{slot.Path}: {HostileText.Show(injection, 50)} for a number", (slot.Path, new ReplaceValue(StringToken(injection)))))
        .Select(p => p.Expecting(400));

    private static string[] WrongFor(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => ["1", "true", "[]", "{}", "[\"x\"]"],
        JsonValueKind.Number => ["\"5\"", "true", "[]", "{}"],
        JsonValueKind.Array => ["\"x\"", "1", "{}", "true"],
        JsonValueKind.Object => ["\"x\"", "1", "[]", "true"],
        _ => ["{}", "[]"],
    };

    private static byte[] Latin1Body(JsonTarget t)
    {
        var slot = t.Strings.First();
        return Write(t.Template, (slot.Path, new ReplaceValue([(byte)'"', .. Encoding.Latin1.GetBytes("Müller" + (slot.Text ?? "")), (byte)'"'])));
    }
}
