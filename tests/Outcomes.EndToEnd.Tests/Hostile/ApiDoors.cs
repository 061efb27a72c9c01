using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>One way in: a method and route of the running app, what it reads, and who may use it.</summary>
internal sealed partial record ApiDoor(
    string Method, string Route, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters,
    IReadOnlyList<string> BodyTypes, Keys Callers, JsonNode? BodySchema)
{
    public string Name => $"{Method} {Route}";

    /// <summary>The JSON media type the door reads: <c>application/json</c>, or a JSON merge patch's own.</summary>
    public string? JsonType => BodyTypes.FirstOrDefault(t => t is "application/json" or "application/merge-patch+json");

    public bool ReadsJson => JsonType is not null;

    public bool ReadsForm => BodyTypes.Contains("application/x-www-form-urlencoded");

    public bool Keyed => Callers != Keys.None;

    /// <summary>The route with real values in its parameters (the <paramref name="turn"/>-th open survey link), or <paramref name="value"/> (already encoded) in <paramref name="parameter"/>.</summary>
    public string Path(HostileWorld world, string? parameter = null, string? value = null, int turn = 0) =>
        RouteParameter().Replace(Route, m => m.Groups[1].Value == parameter ? value! : HostileText.Encode(world.ValueOf(m.Groups[1].Value, turn)));

    [GeneratedRegex(@"\{([^}]+)\}")]
    internal static partial Regex RouteParameter();
}

/// <summary>
/// The doors of the running app: every operation of its OpenAPI document, read at test time so that a new route is
/// attacked without anyone adding it here, plus the SMS webhook (a provider's callback, left out of the document).
/// Also says which answer a refused request must get there (<see cref="ShapeOf"/>).
/// </summary>
internal sealed partial class ApiDoors(IReadOnlyList<ApiDoor> all, JsonObject document)
{
    public const string SmsWebhook = "/api/sms/inbound";

    public IReadOnlyList<ApiDoor> All => all;

    public JsonObject Document => document;

    public IEnumerable<ApiDoor> Json => all.Where(d => d.ReadsJson);

    public IEnumerable<ApiDoor> Keyed => all.Where(d => d.Keyed);

    public ApiDoor this[string name] => all.Single(d => d.Name == name);

    public static ApiDoors Read(JsonObject document)
    {
        var doors = new List<ApiDoor>();
        foreach (var (route, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = (operation!["parameters"] as JsonArray ?? []).Concat(item["parameters"] as JsonArray ?? []).ToList();
                var body = operation["requestBody"]?["content"] as JsonObject;
                doors.Add(new ApiDoor(method.ToUpperInvariant(), route,
                    ApiDoor.RouteParameter().Matches(route).Select(m => m.Groups[1].Value).ToList(),
                    parameters.Where(p => p!["in"]?.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList(),
                    body?.Select(c => c.Key).ToList() ?? [],
                    CallersOf(route, operation.AsObject()),
                    body?["application/json"]?["schema"] ?? body?["application/merge-patch+json"]?["schema"]));
            }
        doors.Add(new ApiDoor("POST", SmsWebhook, [], [], ["application/x-www-form-urlencoded"], Keys.None, null));
        return new ApiDoors(doors, document);
    }

    /// <summary>
    /// Who a door lets in: a secured operation says so in its description ("Callers: clinic, analyst keys."); the
    /// dashboard takes a bearer key besides its cookie without declaring a scheme.
    /// </summary>
    private static Keys CallersOf(string route, JsonObject operation)
    {
        var secured = operation["security"] is JsonArray { Count: > 0 };
        if (!secured)
            return route == "/api/dashboard" ? Keys.Clinic | Keys.Analyst : Keys.None;
        var said = CallersLine().Match(operation["description"]?.GetValue<string>() ?? "");
        if (!said.Success)
            return route.StartsWith("/api/clinics", StringComparison.Ordinal) || route.StartsWith("/api/analyst-keys", StringComparison.Ordinal)
                ? Keys.Admin : Keys.Clinic;
        return said.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Aggregate(Keys.None, (kinds, kind) => kinds | kind switch
        {
            "admin" => Keys.Admin,
            "clinic" => Keys.Clinic,
            "analyst" => Keys.Analyst,
            _ => Keys.None,
        });
    }

    /// <summary>
    /// The answer a refusal must be: a page for what a patient's browser asks (the survey page and its form post, the
    /// opt-out page); a page or a problem for the dashboard's doors and the staff pages under it (its forms answer a browser with a page, and a
    /// request no browser sends, a JSON body say, with a problem); a problem (RFC 9457) for everything else, including
    /// a method a route does not serve. The target is matched the way the server routes it: percent-decoded except
    /// '/', dot segments removed, a trailing slash ignored, case ignored.
    /// </summary>
    public Shape ShapeOf(Probe probe)
    {
        var path = Normalized(probe.Target);
        var route = all.Where(d => d.Method == probe.Method).Select(d => d.Route).FirstOrDefault(r => Matches(r, path));
        var form = probe.ContentType?.Split(';')[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var wantsHtml = probe.Headers.Any(h => h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("text/html", StringComparison.OrdinalIgnoreCase));
        return (probe.Method, route) switch
        {
            ("GET", "/api/surveys/{token}") => Shape.Page,
            ("POST", "/api/surveys/{token}") when form => Shape.Page,
            (_, "/api/surveys/{token}/opt-out") => Shape.Page,
            (_, "/api/dashboard/sign-in" or "/api/dashboard/sign-out") => Shape.PageOrProblem,
            ("GET", "/api/dashboard") when wantsHtml => Shape.PageOrProblem,
            (_, { } staff) when staff.StartsWith("/api/dashboard/", StringComparison.Ordinal) => Shape.PageOrProblem,
            _ => Shape.Problem,
        };
    }

    /// <summary>The door the server routes <paramref name="target"/> to for <paramref name="method"/> (after normalizing its path), or null.</summary>
    public ApiDoor? DoorAt(string method, string target)
    {
        var path = Normalized(target);
        return all.FirstOrDefault(d => d.Method == method && Matches(d.Route, path));
    }

    private static bool Matches(string route, string path)
    {
        var want = route.Split('/');
        var got = path.Split('/');
        return want.Length == got.Length && want.Zip(got).All(p => p.First.StartsWith('{')
            ? p.Second.Length > 0
            : p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The path as the server sees it: %XX decoded where it is ASCII and not '/', dot segments removed.</summary>
    public static string Normalized(string target)
    {
        var path = target.Split('?')[0];
        path = EncodedAscii().Replace(path, m =>
        {
            var c = (char)Convert.ToByte(m.Groups[1].Value, 16);
            return c is '/' or '%' || c < ' ' ? m.Value : c.ToString();
        });
        var segments = new List<string>();
        foreach (var segment in path.Split('/').Skip(1))
        {
            if (segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        if (segments.Count > 1 && segments[^1].Length == 0)
            segments.RemoveAt(segments.Count - 1);
        return "/" + string.Join('/', segments);
    }

    [GeneratedRegex(@"Callers: ([a-z, ]+) keys")]
    private static partial Regex CallersLine();

    [GeneratedRegex("%([0-7][0-9A-Fa-f])")]
    private static partial Regex EncodedAscii();
}
