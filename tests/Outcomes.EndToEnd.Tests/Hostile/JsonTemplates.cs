using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// A valid body for each JSON door the suite knows, with every optional part filled in, so that a mutation of one field
/// reaches that field's validation. <see cref="ProveAcceptedAsync"/> sends each once, before any batch, and requires it
/// to be accepted: a refusal of a mutated body is then the mutation's doing. A JSON door the suite does not know yet (a
/// new route) gets a body made from its request schema in the OpenAPI document.
/// </summary>
internal static class JsonTemplates
{
    public static JsonObject? For(string door, HostileWorld world) => door switch
    {
        "POST /api/clinics" => new JsonObject
        {
            ["name"] = "Hostile Template Clinic", ["timeZone"] = "Europe/Berlin", ["alertEmail"] = "hostile-alerts@example.org", ["phone"] = "+49 30 7654321",
        },
        "PATCH /api/clinics/{clinicId}" => new JsonObject
        {
            ["name"] = "Hostile Spine Centre", ["alertEmail"] = "hostile-alerts@example.org", ["phone"] = "+49 30 7654321",
        },
        "POST /api/procedures" => Procedure(world.Today),
        "POST /api/procedures/{procedureId}/events" => new JsonObject
        {
            ["type"] = "new_fracture", ["date"] = Day(world.Today), ["levels"] = new JsonArray("L2", "L3"),
        },
        "POST /api/procedures/{procedureId}/responses" => Answers(new JsonObject { ["timePoint"] = "1w", ["answeredOn"] = Day(world.Today) }),
        "POST /api/surveys/{token}" => Answers([]),
        _ => null,
    };

    /// <summary>The form the survey page posts, with every answer given.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SurveyForm() =>
    [
        new("pain", "4"), new("medications", "weak_opioid"), new("medications", "paracetamol"),
        new("opioid.name", "tramadol"), new("opioid.dailyDose", "100"), new("newFracture", "no"),
    ];

    /// <summary>
    /// Each known template once, to a target of its own (a procedure registered by the template itself, a spare invited
    /// procedure), which must accept it. Returns the doors whose template was refused, with the answer: their tests then
    /// fail naming the template to mend, while the rest of the suite runs.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProveAcceptedAsync(HostileHost app, HostileWorld world, string spareToken)
    {
        var refused = new List<string>();
        async Task<JsonObject?> Try(string door, string path, string? key, HttpStatusCode expected)
        {
            var (status, text) = await app.TrySendAsync(new HttpMethod(door.Split(' ')[0]), path, key, For(door, world),
                door.StartsWith("PATCH ", StringComparison.Ordinal) ? "application/merge-patch+json" : null);
            if (status == expected)
                return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
            refused.Add($"{door}: its valid template got {(int)status} {HostileText.Show(text, 300)}");
            return null;
        }
        await Try("POST /api/clinics", "/api/clinics", HostileWorld.AdminKey, HttpStatusCode.Created);
        await Try("PATCH /api/clinics/{clinicId}", $"/api/clinics/{world.ClinicId}", world.ClinicKey, HttpStatusCode.OK);
        if (await Try("POST /api/procedures", "/api/procedures", world.ClinicKey, HttpStatusCode.Created) is { } registered
            && registered["procedureId"]?.GetValue<string>() is { } procedureId)
        {
            await Try("POST /api/procedures/{procedureId}/events", $"/api/procedures/{procedureId}/events", world.ClinicKey, HttpStatusCode.Created);
            await Try("POST /api/procedures/{procedureId}/responses", $"/api/procedures/{procedureId}/responses", world.ClinicKey, HttpStatusCode.Accepted);
        }
        else
            refused.Add("POST /api/procedures/{procedureId}/events and /responses: not tried, as no procedure could be registered from the template");
        await Try("POST /api/surveys/{token}", $"/api/surveys/{spareToken}", null, HttpStatusCode.Accepted);
        await StoreSnapshot.QuietAsync(app.Host);   // the two answers queued are stored before any batch counts the store
        return refused;
    }

    private static JsonObject Procedure(DateOnly today) => new()
    {
        ["patientRef"] = "HOSTILE-TEMPLATE",
        ["contact"] = new JsonObject { ["email"] = "hostile-template@example.org", ["phone"] = "+49 30 1234567", ["language"] = "es" },
        ["procedureType"] = "kyphoplasty",
        ["procedureDate"] = Day(today.AddDays(-7)),
        ["levels"] = new JsonArray("T12", "L1"),
        ["etiology"] = "osteoporotic",
        ["baseline"] = new JsonObject { ["pain"] = 8, ["medications"] = new JsonArray("weak_opioid", "paracetamol") },
        ["details"] = new JsonObject
        {
            ["operator"] = "interventional_radiologist",
            ["anesthesia"] = "local_with_sedation",
            ["discharge"] = "same_day",
            ["cementVolumeMl"] = 4.5m,
            ["complications"] = new JsonArray("cement_leakage"),
            ["kyphoplasty"] = new JsonObject { ["heightRestoredMm"] = 3.5m, ["kyphoticAngleBefore"] = 15, ["kyphoticAngleAfter"] = 8 },
        },
    };

    private static JsonObject Answers(JsonObject into)
    {
        into["pain"] = 4;
        into["medications"] = new JsonArray("weak_opioid", "paracetamol");
        into["opioid"] = new JsonObject { ["name"] = "tramadol", ["dailyDose"] = 100 };
        into["newFracture"] = "no";
        return into;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    /// <summary>A body shaped by a request schema (properties with values of their types), for a JSON door the suite has no template for.</summary>
    public static JsonNode FromSchema(JsonNode? schema, JsonObject document, int depth = 0)
    {
        if (schema is JsonObject { } reference && reference["$ref"]?.GetValue<string>() is { } path && path.StartsWith("#/", StringComparison.Ordinal))
            schema = path[2..].Split('/').Aggregate((JsonNode?)document, (node, part) => node?[part]);
        var type = schema?["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => schema?["properties"] is not null ? "object" : "string",
        };
        if (depth > 6) return JsonValue.Create("hostile-value")!;
        return type switch
        {
            "object" => new JsonObject((schema?["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)FromSchema(p.Value, document, depth + 1)))),
            "array" => new JsonArray(FromSchema(schema?["items"], document, depth + 1)),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5m),
            "boolean" => JsonValue.Create(true),
            _ => JsonValue.Create("hostile-value")!,
        };
    }
}
