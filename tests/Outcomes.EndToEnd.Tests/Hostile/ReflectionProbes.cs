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

        foreach (var door in app.Doors.All)
            foreach (var carrier in DoorProbes.Carriers(app, door))
            {
                // A door that serves its carrier does the whole work (a report, the dashboard, the document): it gets every header at once.
                if (carrier.MayBeServed)
                    yield return Headers(Marker).Aggregate(carrier, (probe, header) => probe.WithHeader(header.Name, header.Value)) with { Input = "markup in every header at once" };
                else
                    foreach (var (name, value) in Headers(Marker))
                        yield return carrier.WithHeader(name, value) with { Input = $"markup in {name}" };
                if (carrier.ContentType is not null)
                    yield return carrier with { Input = "markup in a Content-Type parameter", ContentType = $"{carrier.ContentType}; charset=\"{Marker()}\"" };
                yield return carrier with { Input = "markup as a query value", Target = carrier.Target + "?m=" + HostileText.Encode(Marker()) };
                yield return carrier with { Input = "markup as a query name", Target = carrier.Target + "?" + HostileText.Encode(Marker()) + "=1" };
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

    private static IEnumerable<(string Name, string Value)> Headers(Func<string> marker) =>
    [
        ("User-Agent", marker()), ("Referer", "http://hostile.example/" + marker()), ("Accept-Language", marker()), ("Accept", marker()),
        ("X-Forwarded-For", marker()), ("X-Forwarded-Host", marker()), ("Origin", marker()),
        ("Cookie", $"outcomes_dashboard={marker()}; other={marker()}"), ("X-MS-CLIENT-PRINCIPAL-NAME", marker()),
        ("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyProbes.Principal(marker()).ToJsonString()))),
        ("X-Azure-Functions-InvocationId", marker()), ("X-Twilio-Signature", marker()),
    ];
}
