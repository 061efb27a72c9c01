using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Hostile requests that are not about a body: route values, methods, query strings, spellings of a path.</summary>
internal static class DoorProbes
{
    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"];

    /// <summary>
    /// A request to the door that gets past its key and ids to its own checks and is refused there, or, for a GET,
    /// served: the vehicle for a hostile header, query or route value. It never changes anything when accepted.
    /// </summary>
    public static IEnumerable<Probe> Carriers(HostileHost app, ApiDoor door)
    {
        var world = app.World;
        var key = door.Keyed ? world.KeyFor(door.Callers) : null;
        var probe = new Probe(door.Name, "", door.Method, door.Path(world)).WithKey(key);
        if (door.Method == "GET")
        {
            yield return probe with { MayBeServed = true };
            yield break;
        }
        if (door.ReadsJson)
            yield return probe.WithJson(Faulty(JsonTarget.All(app).Single(t => t.Door == door)), door.JsonType);
        if (door.ReadsForm)
            yield return FormCarrier(app, door, probe);
        if (door.ReadsJson || door.ReadsForm)
            yield break;
        if (door.PathParameters.Count > 0)
            yield return probe with { Target = door.Path(world, door.PathParameters[0], "hostile-missing") };
        else if (door.Keyed)
            yield return new Probe(door.Name, "", door.Method, door.Path(world)).WithKey(world.KeysOtherThan(door.Callers).First().Key);
        else
            yield return probe with { MayBeServed = true };
    }

    /// <summary>The template with its first string or number made the wrong type: refused, once every other check passed.</summary>
    public static byte[] Faulty(JsonTarget target) =>
        JsonBodies.Write(target.Template, (target.Slots.First(s => s.Kind is JsonValueKind.String or JsonValueKind.Number).Path, ReplaceValue.Text("true")));

    /// <summary>A form the door refuses: an answer that is not a number, a key nobody issued, a registration with pain in words, an unsigned SMS.</summary>
    public static Probe FormCarrier(HostileHost app, ApiDoor door, Probe probe) => door.Route switch
    {
        "/api/surveys/{token}" => probe.WithForm(HostileText.Form(JsonTemplates.SurveyForm().Select(f => f.Key == "pain" ? new(f.Key, "four") : f))),
        "/api/dashboard/sign-in" => probe.WithForm(HostileText.Form([new("key", "hostile-not-a-key")])),
        "/api/dashboard/register" => probe.WithForm(HostileText.Form(FormProbes.RegistrationForm(new Random(20261205)).Select(f => f.Key == "baselinePain" ? new(f.Key, "seven") : f))),
        ApiDoors.SmsWebhook => probe.WithForm(HostileText.Form([new("Body", "hello"), new("From", "+15550009999")])),
        _ => probe.WithForm(HostileText.Form([new("hostile", "1")])),
    };

    /// <summary>The body a door would accept, so that only the hostile route value can be why it is refused.</summary>
    public static IEnumerable<Probe> WithValidBodies(HostileHost app, ApiDoor door, Probe probe)
    {
        var answers = door.Method == "POST" && door.Route == "/api/surveys/{token}";
        var oneClick = door.Method == "POST" && door.Route.EndsWith("/opt-out", StringComparison.Ordinal);
        if (door.ReadsJson)
            yield return probe.WithJson(JsonBodies.Compact(JsonTarget.All(app).Single(t => t.Door == door).Template), door.JsonType) with { Input = probe.Input + " (valid JSON body)" };
        if (answers)
            yield return probe.WithForm(HostileText.Form(JsonTemplates.SurveyForm())) with { Input = probe.Input + " (valid form)" };
        else if (oneClick)
            yield return probe.WithForm(HostileText.Form([new("List-Unsubscribe", "One-Click")])) with { Input = probe.Input + " (one-click form)" };
        else if (!door.ReadsJson)
            yield return probe;
    }

    /// <summary>Hostile values in each route parameter of each door (those <paramref name="keep"/> takes, given the value and the real one), with a body the door would accept.</summary>
    public static IEnumerable<Probe> RouteValues(HostileHost app, Func<string, string, bool>? keep = null)
    {
        var world = app.World;
        foreach (var door in app.Doors.All.Where(d => d.PathParameters.Count > 0))
            foreach (var parameter in door.PathParameters)
            {
                var real = world.ValueOf(parameter);
                (string Shown, string Value)[] fromReal =
                [
                    ("the real value + '%20'", real + "%20"), ("'%20' + the real value", "%20" + real), ("the real value upper-cased", real.ToUpperInvariant()),
                    ("the real value + '%00'", real + "%00"), ("the real value one character short", real[..^1]), ("the real value + 'x'", real + "x"),
                    ("the real value + '%2F'", real + "%2F"), ("the real value + '%0A'", real + "%0A"), ("the real value + '%09'", real + "%09"),
                    ("the real value + '%2F..%2F' + the real value", real + "%2F..%2F" + real), ("the real value + ';x=1'", real + ";x=1"),
                ];
                foreach (var (shown, value) in HostileText.RouteValues.Select(v => (HostileText.Show(v, 60), v)).Concat(fromReal)
                             .DistinctBy(v => v.Item2).Where(v => v.Item2 != real && (keep?.Invoke(v.Item2, real) ?? true)))
                {
                    // A value of dots is a dot segment the server resolves: "/api/procedures/." is "/api/procedures", another door.
                    var path = door.Path(world, parameter, value);
                    var probe = new Probe(door.Name, $"{{{parameter}}} = {shown}", door.Method, path)
                        .WithKey(door.Keyed ? world.KeyFor(door.Callers) : null) with { MayBeServed = app.Doors.DoorAt(door.Method, path) is { } other && other != door };
                    foreach (var sent in WithValidBodies(app, door, probe))
                        yield return sent;
                }
            }
    }

    public static IEnumerable<Probe> UnservedMethods(HostileHost app)
    {
        foreach (var route in app.Doors.All.GroupBy(d => d.Route))
        {
            var served = route.Select(d => d.Method).ToHashSet();
            var keyed = route.FirstOrDefault(d => d.Keyed);
            foreach (var method in Methods.Where(m => !served.Contains(m)))
                yield return new Probe($"{method} {route.Key}", "a method the route does not serve", method, route.First().Path(app.World))
                    .WithKey(keyed is null ? null : app.World.KeyFor(keyed.Callers)).Expecting(405);
        }
    }

    /// <summary>Garbage in every query parameter a door reads (the report's filters), with each key that may read it; unknown and repeated parameters too.</summary>
    /// <summary>
    /// Query parameters that take free text (a clinic's patient reference may be "x", "-1" or "' or 1 eq 1"): garbage there
    /// may be served (as a search that finds nothing), never a 5xx; what a reference may not hold is tested at its door.
    /// </summary>
    private static readonly string[] FreeText = ["patientRef"];

    public static IEnumerable<Probe> OddQueries(HostileHost app, int seed)
    {
        var world = app.World;
        string[] garbage =
        [
            "%20", "%00", "x", "%ED%A0%80", "%FF", "'%20or%201%20eq%201", "..%2F..%2Fetc%2Fpasswd", "2026-13-01", "2026-02-30", "2026-1",
            "2026-01-01T00%3A00", "-1", "vertebroplasty%00", "osteoporotic'", "%E2%80%AE", new string('a', 5000),
            .. HostileText.Pick(HostileText.Injections, 4, seed).Select(HostileText.Encode),
        ];
        foreach (var door in app.Doors.All.Where(d => d.QueryParameters.Count > 0))
        {
            var callers = new List<(string Who, string Key, bool Html)>();
            if (door.Callers.HasFlag(Keys.Clinic)) callers.Add(("clinic key", world.ClinicKey, false));
            if (door.Callers.HasFlag(Keys.Analyst)) callers.Add(("analyst key", world.AnalystKey, false));
            if (door.Route == "/api/dashboard") callers.Add(("clinic key, asking for HTML", world.ClinicKey, true));
            foreach (var (who, key, html) in callers)
            {
                Probe Query(string input, string query, bool served = false)
                {
                    var probe = new Probe(door.Name, $"{input} ({who})", door.Method, door.Path(world) + query).WithKey(key) with { MayBeServed = served };
                    return html ? probe.WithHeader("Accept", "text/html") : probe;
                }
                foreach (var parameter in door.QueryParameters)
                    foreach (var value in garbage)
                        yield return Query($"{parameter}={HostileText.Show(value, 50)}", $"?{parameter}={value}", served: FreeText.Contains(parameter));
                yield return Query("from after to", "?from=2026-05&to=2026-01", served: !(door.QueryParameters.Contains("from") && door.QueryParameters.Contains("to")));
                yield return Query("an empty value", $"?{door.QueryParameters[0]}=", served: true);
                yield return Query("a parameter without a value", $"?{door.QueryParameters[0]}", served: true);
                yield return Query("a parameter given twice", $"?{door.QueryParameters[0]}=a&{door.QueryParameters[0]}=b", served: true);
                yield return Query("an OData $filter", "?$filter=PartitionKey%20ne%20''", served: true);
                yield return Query("unknown parameters", "?procedure_type=x&a[b]=c&%00=1&=&&&", served: true);
                yield return Query("a query of 7,000 characters", "?x=" + new string('q', 7000), served: true);
            }
        }
    }

    /// <summary>Other spellings of each door's path, sent without a key or body: trailing and doubled slashes, case, encoded letters, extra segments.</summary>
    public static IEnumerable<Probe> PathSpellings(HostileHost app)
    {
        foreach (var door in app.Doors.All)
        {
            var path = door.Method == "GET" || door.PathParameters.Count == 0
                ? door.Path(app.World)
                : door.Path(app.World, door.PathParameters[0], "hostile-missing");
            if (door.Method != "GET" && !door.Keyed && door.PathParameters.Count == 0 && !door.ReadsJson && !door.ReadsForm)
                continue;
            string[] spellings =
            [
                path + "/", path.Replace("/api/", "/api//"), "/API" + path[4..], "/%61pi" + path[4..], "/api/./" + path[5..],
                "/api/x/../" + path[5..], path + "%20", path + "/hostile", path + ";jsessionid=1", path + "%23fragment", path + "?",
            ];
            foreach (var spelling in spellings)
                yield return new Probe(door.Name, $"spelled {HostileText.Show(spelling, 80)}", door.Method, spelling) { MayBeServed = door.Method == "GET" };
        }
    }

    /// <summary>
    /// The payload of a genuine survey token, to forge others from, as JSON ("k", "f", "e"): read from the JSON form, or
    /// from the compact form's documented bytes (version 2, key id length and key id, expiry as 32-bit big-endian Unix
    /// seconds, 1 and a 32-character hex procedure id packed into 16 bytes or 0 and the id as written, then the rest).
    /// </summary>
    public static JsonObject PayloadOf(string token)
    {
        var bytes = Convert.FromBase64String(Pad(token[..token.IndexOf('.')].Replace('-', '+').Replace('_', '/')));
        if (bytes[0] != 2)
            return JsonNode.Parse(bytes)!.AsObject();
        var keyLength = bytes[1];
        var at = 2 + keyLength;
        var rest = bytes.AsSpan(at + 5);
        var followUp = bytes[at + 4] == 1
            ? Convert.ToHexStringLower(rest[..16]) + Encoding.ASCII.GetString(rest[16..])
            : Encoding.ASCII.GetString(rest);
        return new JsonObject
        {
            ["k"] = Encoding.ASCII.GetString(bytes, 2, keyLength),
            ["f"] = followUp,
            ["e"] = (long)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at, 4)),
        };
    }

    private static string Pad(string base64) => base64 + new string('=', (4 - base64.Length % 4) % 4);
}
