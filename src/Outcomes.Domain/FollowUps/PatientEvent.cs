using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.Json;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Something a clinic reports about a patient after a procedure, as read from <c>POST /api/procedures/{id}/events</c>:
/// a death, a withdrawal or an opt-out (each ends the patient's surveys), or a new vertebral fracture (data for the
/// reports), on the day it happened. Only a new fracture has <see cref="Levels"/>: the newly fractured vertebrae, when known.
/// </summary>
public sealed record PatientEvent(PatientEventType Type, DateOnly Date, IReadOnlyList<VertebralLevel> Levels)
{
    public const string TypeField = "type";
    public const string DateField = "date";
    public const string LevelsField = "levels";

    /// <summary>
    /// Reads an event, or reports every wrong field. <paramref name="procedureDate"/> and <paramref name="clinicToday"/>
    /// (the clinic-local date) bound <see cref="Date"/>: an event happens after the procedure and has already happened.
    /// </summary>
    public static (PatientEvent? Event, IReadOnlyList<Rejection> Problems) Read(JsonElement body, DateOnly procedureDate, DateOnly clinicToday)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, [JsonFields.NotAnObject(body)]);
        var fields = new JsonFields();

        var type = fields.Code(body, TypeField, "", true, PatientEventTypeCodes.Wire);
        var date = fields.Date(body, DateField, "", true);
        if (date > clinicToday)
            fields.Add(Rejection.Invalid(DateField,
                $"An event is reported once it has happened: {date:yyyy-MM-dd} is after the clinic's today, {clinicToday:yyyy-MM-dd}."));
        else if (date < procedureDate)
            fields.Add(Rejection.Invalid(DateField,
                $"An event is reported for after the procedure: {date:yyyy-MM-dd} is before the procedure date, {procedureDate:yyyy-MM-dd}."));
        var levels = ReadLevels(fields, body, type);

        if (fields.HasProblems) return (null, fields.Problems);
        return (new PatientEvent(type!.Value, date!.Value, levels ?? []), []);
    }

    /// <summary>
    /// What makes two reports the same event, so a repeated report is recognised rather than counted twice: a patient
    /// dies, withdraws or opts out once ("death"); a new fracture is the same one when reported for the same day and the
    /// same levels ("new_fracture_2026-02-20_L2-L3", or without levels "new_fracture_2026-02-20"). Letters, digits,
    /// '_' and '-' only.
    /// </summary>
    public string Key => Type != PatientEventType.NewFracture ? Type.ToWire()
        : Levels.Count == 0 ? $"{Type.ToWire()}_{Day(Date)}"
        : $"{Type.ToWire()}_{Day(Date)}_{string.Join("-", Levels.Order())}";

    /// <summary>The event in its wire form: <c>type</c>, <c>date</c>, and <c>levels</c> for a new fracture.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { [TypeField] = Type.ToWire(), [DateField] = Day(Date) };
        if (Type == PatientEventType.NewFracture)
            json[LevelsField] = new JsonArray(Levels.Select(l => (JsonNode)l.ToString()).ToArray());
        return json;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IReadOnlyList<VertebralLevel>? ReadLevels(JsonFields fields, JsonElement body, PatientEventType? type)
    {
        if (type is not PatientEventType.NewFracture)
        {
            if (body.TryGetProperty(LevelsField, out var given) && given.ValueKind != JsonValueKind.Null)
                fields.Add(Rejection.Invalid(LevelsField, "Only a new_fracture event has levels (the newly fractured vertebrae)."));
            return null;
        }
        if (fields.Array(body, LevelsField, "", false, ProcedureRegistration.MaxLevels, "vertebral levels") is not { } array) return null;
        var levels = new List<VertebralLevel>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{LevelsField}[{index++}]";
            if (item.ValueKind == JsonValueKind.String && VertebralLevel.TryParse(item.GetString(), out var level))
            {
                if (levels.Contains(level)) fields.Add(Rejection.Invalid(path, $"{level} is listed twice."));
                else levels.Add(level);
                continue;
            }
            fields.Add(Rejection.Invalid(path, item.ValueKind == JsonValueKind.String
                ? $"'{JsonFields.Truncated(item.GetString()!)}' is not a vertebral level; use C1–C7, T1–T12, L1–L5 or S1."
                : "A vertebral level is a string like \"L2\"."));
        }
        return levels.Order().ToList();
    }
}
