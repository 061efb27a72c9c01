using System.Text;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>Markup sent in every place a request has: headers, query, route values, every JSON field and form field.</summary>
internal static class ReflectionProbes
{
    public static IEnumerable<Probe> Everywhere(HostileHost app)
    {
        var world = app.World;
        var turn = 0;
        string Marker() => HostileText.Markers[turn++ % HostileText.Markers.Length];

        var number = 100;
        foreach (var door in app.Doors.All)
            foreach (var carrier in DoorProbes.Carriers(app, door))
            {
                // Every header and the query at once, each with a marker of its own number: an echo names its place.
                var places = new Dictionary<int, string>();
                string Numbered(string place)
                {
                    places[++number] = place;
                    return HostileText.Marker(number);
                }
                var everywhere = HeaderNames.Aggregate(carrier, (probe, name) => probe.WithHeader(name, name switch
                {
                    "Cookie" => $"outcomes_dashboard={Numbered("the session cookie")}; other={Numbered("another cookie")}",
                    "X-MS-CLIENT-PRINCIPAL" => Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyProbes.Principal(Numbered("the principal's name")).ToJsonString())),
                    "Referer" => "http://hostile.example/" + Numbered("Referer"),
                    _ => Numbered(name),
                }));
                var query = $"?m={HostileText.Encode(Numbered("a query value"))}&{HostileText.Encode(Numbered("a query name"))}=1";
                yield return everywhere with { Input = "markup in every header and the query at once", Target = carrier.Target + query, Places = places };
                if (carrier.ContentType is not null)
                    yield return carrier with { Input = "markup in a Content-Type parameter", ContentType = $"{carrier.ContentType}; charset=\"{Marker()}\"" };
                foreach (var parameter in door.PathParameters)
                    yield return carrier with
                    {
                        Input = $"markup as {{{parameter}}}", Target = door.Path(world, parameter, HostileText.Encode(Marker())), MayBeServed = false,
                    };
            }

        foreach (var target in JsonTarget.All(app))
            foreach (var slot in target.Strings)
                yield return target.Edited($"{slot.Path}: markup (and {target.Elsewhere(slot).Path} wrong)",
                    (slot.Path, new ReplaceValue(JsonBodies.StringToken(Marker()))), target.Elsewhere(slot)).Expecting(400);

        // The dashboard behind App Service authentication: a principal whose name is markup, with and without a role.
        var dashboard = new Probe("GET /api/dashboard", "", "GET", "/api/dashboard").WithHeader("Accept", "text/html");
        foreach (var roles in new[] { Array.Empty<string>(), ["Outcomes.Analyst"], [$"Outcomes.Clinic.{world.ClinicId}"], ["Outcomes.Clinic." + HostileText.Markers[0]] })
            foreach (var marker in HostileText.Markers)
                yield return dashboard.WithHeader("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyProbes.Principal(marker, roles).ToJsonString())))
                    with { Input = $"a principal named with markup, roles [{string.Join(", ", roles)}]", MayBeServed = true };
        yield return dashboard.WithHeader("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["claims"] = new JsonArray() }.ToJsonString())))
            .WithHeader("X-MS-CLIENT-PRINCIPAL-NAME", HostileText.Markers[1]) with { Input = "a principal without a name, markup in X-MS-CLIENT-PRINCIPAL-NAME", MayBeServed = true };
        yield return dashboard.WithHeader("Cookie", $"outcomes_dashboard={HostileText.Markers[2]}") with { Input = "markup as the session cookie", MayBeServed = true };

        foreach (var (field, _) in JsonTemplates.SurveyForm().DistinctBy(f => f.Key))
            foreach (var marker in HostileText.Markers)
            {
                var door = app.Doors["POST /api/surveys/{token}"];
                var fields = JsonTemplates.SurveyForm().Where(f => f.Key != field).Append(new(field, marker));
                if (field != "pain")
                    fields = fields.Where(f => f.Key != "pain").Append(new("pain", "four"));
                yield return new Probe(door.Name, $"survey form: markup in {field}", "POST", door.Path(world, turn: turn)).WithForm(HostileText.Form(fields)).Expecting(400);
            }
        foreach (var marker in HostileText.Markers)
            yield return new Probe("POST /api/dashboard/sign-in", "sign-in: markup as the key", "POST", "/api/dashboard/sign-in")
                .WithForm(HostileText.Form([new("key", marker)])).Expecting(401);
    }

    /// <summary>The request headers a page or a problem might show back: the client's, the proxies', the platform's, the provider's.</summary>
    private static readonly string[] HeaderNames =
    [
        "User-Agent", "Referer", "Accept-Language", "Accept", "X-Forwarded-For", "X-Forwarded-Host", "Origin", "Cookie",
        "X-MS-CLIENT-PRINCIPAL-NAME", "X-MS-CLIENT-PRINCIPAL", "X-Azure-Functions-InvocationId", "X-Twilio-Signature",
    ];
}
