using System.Text;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Wrong, absent and forged bearer keys, keys of the wrong kind, and forged survey links.</summary>
internal static class KeyProbes
{
    /// <summary>Authorization headers no caller holds, each at every keyed door with an otherwise valid request: 401 before anything is read.</summary>
    public static IEnumerable<Probe> BadKeys(HostileHost app, int seed)
    {
        var world = app.World;
        var random = new Random(seed);
        foreach (var door in app.Doors.Keyed)
        {
            var valid = world.KeyFor(door.Callers);
            (string Input, string[] Headers)[] variants =
            [
                ("no Authorization header", []),
                ("'Bearer' without a key", ["Bearer"]),
                ("'Bearer ' and spaces", ["Bearer    "]),
                ("Basic credentials", ["Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:" + valid))]),
                ("the key under the scheme 'Token'", ["Token " + valid]),
                ("the key without a scheme", [valid]),
                ("the key one character short", ["Bearer " + valid[..^1]]),
                ("the key with one more character", ["Bearer " + valid + "x"]),
                ("the key with a character changed", ["Bearer " + Flip(valid, valid.Length / 2)]),
                ("the key twice", ["Bearer " + valid + " " + valid]),
                ("a forged oc_ key", ["Bearer oc_" + HostileText.Letters(random, 43)]),
                ("just 'oc_'", ["Bearer oc_"]),
                ("the admin key with one more character", ["Bearer " + HostileWorld.AdminKey + "x"]),
                ("the admin key one character short", ["Bearer " + HostileWorld.AdminKey[..^1]]),
                ("a revoked clinic key", ["Bearer " + world.RevokedKey]),
                ("a key of 600 characters", ["Bearer oc_" + HostileText.Letters(random, 600)]),
                ("a key of 20,000 characters", ["Bearer oc_" + HostileText.Letters(random, 20_000)]),
                ("the key and a forged one in two headers", ["Bearer " + valid, "Bearer oc_" + HostileText.Letters(random, 43)]),
                ("a forged key and the key in two headers", ["Bearer oc_" + HostileText.Letters(random, 43), "Bearer " + valid]),
                ("'BEARER' and a forged key", ["BEARER oc_" + HostileText.Letters(random, 43)]),
                .. HostileText.Pick(HostileText.Injections.Where(i => !i.Contains('\r') && !i.Contains('\n')).ToList(), 10, seed)
                    .Select(i => ($"the key {HostileText.Show(i, 40)}", new[] { "Bearer " + i })),
                ("the key '*'", ["Bearer *"]),
                ("the key '%'", ["Bearer %"]),
                ("the key 'oc_*'", ["Bearer oc_*"]),
            ];
            foreach (var (input, headers) in variants)
            {
                var probe = Carrier(app, door, input);
                foreach (var header in headers)
                    probe = probe.WithHeader("Authorization", header);
                yield return probe.Expecting(401);
            }
        }
    }

    /// <summary>Valid keys of the kinds a door does not let in (403), and another clinic's key on this clinic's things (404).</summary>
    public static IEnumerable<Probe> WrongKinds(HostileHost app)
    {
        var world = app.World;
        foreach (var door in app.Doors.Keyed)
        {
            foreach (var (kind, key) in world.KeysOtherThan(door.Callers))
                yield return Carrier(app, door, $"a valid {kind}").WithKey(key).Expecting(403);
            if (door.Callers.HasFlag(Keys.Clinic) && door.PathParameters.Contains("procedureId"))
                yield return Carrier(app, door, "another clinic's key on this clinic's procedure").WithKey(world.OtherClinicKey).Expecting(404);
            if (door.Callers.HasFlag(Keys.Clinic) && door.PathParameters.Contains("clinicId"))
                yield return Carrier(app, door, "another clinic's key on this clinic").WithKey(world.OtherClinicKey).Expecting(404);
            if (door.Callers.HasFlag(Keys.Clinic) && door.QueryParameters.Contains("clinicId"))
                yield return (Carrier(app, door, "another clinic's key asking for this clinic") with { Target = door.Path(world) + "?clinicId=" + world.ClinicId })
                    .WithKey(world.OtherClinicKey).Expecting(403);
        }
    }

    /// <summary>
    /// Tokens a patient was never sent: cut, changed, re-signed, unsigned payloads naming a real follow-up, payloads
    /// that are not the issuer's shape; at every door that takes a token, with what that door would otherwise accept.
    /// </summary>
    public static IEnumerable<Probe> ForgedTokens(HostileHost app, int seed)
    {
        var world = app.World;
        foreach (var door in app.Doors.All.Where(d => d.PathParameters.Contains("token")))
            foreach (var (input, token) in Tokens(world.SurveyToken, seed))
                foreach (var probe in DoorProbes.WithValidBodies(app, door, new Probe(door.Name, input, door.Method, door.Path(world, "token", HostileText.Encode(token)))))
                    yield return probe.Expecting(404);
    }

    public static IEnumerable<(string Input, string Token)> Tokens(string real, int seed)
    {
        var random = new Random(seed);
        var dot = real.IndexOf('.');
        var (payload, mac) = (real[..dot], real[(dot + 1)..]);
        var genuine = DoorProbes.PayloadOf(real);
        var (keyId, followUp, expires) = (genuine["k"]!.GetValue<string>(), genuine["f"]!.GetValue<string>(), genuine["e"]!.GetValue<long>());
        string Forged(string json) => Base64Url(Encoding.UTF8.GetBytes(json));
        string Sig() => HostileText.Letters(random, mac.Length);

        var tokens = new List<(string, string)>
        {
            ("cut to one character", real[..1]), ("cut before the dot", payload), ("cut after the dot", real[..(dot + 1)]),
            ("one character short", real[..^1]), ("two characters short", real[..^2]), ("cut in half", real[..(real.Length / 2)]),
            ("a random signature", payload + "." + Sig()), ("a random payload", HostileText.Letters(random, payload.Length) + "." + mac),
            ("the parts swapped", mac + "." + payload), ("three parts", real + "." + mac), ("a leading dot", "." + real),
            ("a trailing dot", real + "."), ("a dot", "."), ("three dots", "..."), ("'=' padding", real + "="), ("twice", real + real),
            ("upper-cased", real.ToUpperInvariant()), ("lower-cased", real.ToLowerInvariant()), ("513 characters", real + HostileText.Letters(random, 513 - real.Length)),
            ("5,000 characters", HostileText.Letters(random, 5000)), ("an empty signature", payload + "."), ("the signature 'none'", payload + ".none"),
            ("standard base64 padding on both parts", payload + "==." + mac + "="),
        };
        if (real.Contains('-') || real.Contains('_'))
            tokens.Add(("standard base64 '+/'", real.Replace('-', '+').Replace('_', '/')));
        foreach (var at in HostileText.Pick(Enumerable.Range(0, payload.Length - 1).Concat(Enumerable.Range(dot + 1, mac.Length - 1)).ToList(), 16, seed))
            tokens.Add(($"character {at} changed", Flip(real, at)));
        string[] payloads =
        [
            $$"""{"k":"{{keyId}}","f":"{{followUp}}","e":4102444800}""",
            $$"""{"k":"hostile-key","f":"{{followUp}}","e":{{expires}}}""",
            $$"""{"k":"{{keyId}}","f":"{{followUp}}","e":-1}""",
            $$"""{"k":"{{keyId}}","f":"{{followUp}}","e":1e30}""",
            $$"""{"k":"{{keyId}}","f":"{{followUp}}","e":"{{expires}}"}""",
            $$"""{"k":"{{keyId}}","f":"\ud800_1w","e":{{expires}}}""",
            $$"""{"k":"\ud800","f":"{{followUp}}","e":{{expires}}}""",
            $$"""{"\ud800":1}""",
            $$"""{"k":"{{keyId}}","f":"<script>hostile(1)</script>","e":{{expires}}}""",
            $$"""{"k":"{{keyId}}","f":"../../{{followUp}}","e":{{expires}}}""",
            $$"""{"k":"{{keyId}}","k":"{{keyId}}","f":"{{followUp}}","e":{{expires}}}""",
            $$"""{"k":"{{keyId}}","f":"{{followUp}}","e":{{expires}},"x":1}""",
            $$"""{"k":"{{keyId}}","f":"{{followUp}}"}""",
            """[]""", """null""", """1""", "\"x\"", "", new string('[', 200) + new string(']', 200),
        ];
        foreach (var json in payloads)
        {
            tokens.Add(($"unsigned payload {HostileText.Show(json, 70)}", Forged(json) + "." + Sig()));
            tokens.Add(($"payload {HostileText.Show(json, 70)} under the genuine signature", Forged(json) + "." + mac));
        }
        tokens.Add(("a payload of invalid UTF-8", Base64Url([0xFF, 0xFE, 0xED, 0xA0, 0x80]) + "." + Sig()));
        return tokens;
    }

    /// <summary>The door's ordinary request (real ids, a valid body), whose key the caller then sets.</summary>
    private static Probe Carrier(HostileHost app, ApiDoor door, string input)
    {
        var probe = new Probe(door.Name, input, door.Method, door.Path(app.World));
        if (door.ReadsJson)
            probe = probe.WithJson(JsonBodies.Compact(JsonTarget.All(app).Single(t => t.Door == door).Template), door.JsonType);
        return probe;
    }

    private static string Flip(string text, int at)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var replacement = alphabet[(alphabet.IndexOf(text[at]) + 17) % alphabet.Length];
        return text[..at] + replacement + text[(at + 1)..];
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonObject Principal(string name, params string[] roles) => new()
    {
        ["auth_typ"] = "aad",
        ["name_typ"] = "name",
        ["role_typ"] = "roles",
        ["claims"] = new JsonArray([new JsonObject { ["typ"] = "name", ["val"] = name }, .. roles.Select(r => new JsonObject { ["typ"] = "roles", ["val"] = r })]),
    };
}
