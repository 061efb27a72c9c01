using System.Text.Json;
using Outcomes.Domain.Json;

namespace Outcomes.Domain.Procedures;

/// <summary>A clinic's registration of one vertebral augmentation, as read from <c>POST /api/procedures</c>.</summary>
public sealed record ProcedureRegistration(
    string PatientRef, PatientContact Contact, ProcedureType ProcedureType, DateOnly ProcedureDate,
    IReadOnlyList<VertebralLevel> Levels, Etiology Etiology, Baseline Baseline, ProcedureDetails Details)
{
    public const int MaxPatientRefLength = 64;
    public const int MaxLevels = 25;
    /// <summary>
    /// The earliest procedure date taken. Outcomes follows patients up from registration on: an older date is a typing
    /// mistake (0001-01-01, 1900-01-01), and would put a procedure that can never be surveyed into the report's cohort.
    /// </summary>
    public static readonly DateOnly EarliestProcedureDate = new(2000, 1, 1);

    /// <summary>
    /// Reads a registration, or reports every wrong field with its JSON path (<c>baseline.pain</c>, <c>levels[1]</c>).
    /// <paramref name="clinicToday"/> is the clinic-local date: a procedure may be registered late, never ahead.
    /// </summary>
    public static (ProcedureRegistration? Registration, IReadOnlyList<Rejection> Problems) Read(JsonElement body, DateOnly clinicToday)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, [JsonFields.NotAnObject(body)]);
        var fields = new JsonFields();

        var patientRef = PatientReference.Read(fields, body);
        var contact = ContactReader.Read(fields, body);
        var type = fields.Code(body, "procedureType", "", true, ProcedureTypeCodes.Wire);
        var date = fields.Date(body, "procedureDate", "", true);
        if (date > clinicToday)
            fields.Add(Rejection.Invalid("procedureDate",
                $"The procedure date may be in the past, not in the future: {date:yyyy-MM-dd} is after the clinic's today, {clinicToday:yyyy-MM-dd}."));
        else if (date < EarliestProcedureDate)
            fields.Add(Rejection.Invalid("procedureDate",
                $"The procedure date is {EarliestProcedureDate:yyyy-MM-dd} or later; {date:yyyy-MM-dd} is before any procedure Outcomes follows up."));
        var levels = ReadLevels(fields, body);
        var etiology = fields.Code(body, "etiology", "", true, EtiologyCodes.Wire);
        var baseline = ReadBaseline(fields, body);
        var details = DetailsReader.Read(fields, body, type);

        if (fields.HasProblems) return (null, fields.Problems);
        return (new ProcedureRegistration(patientRef!, contact!, type!.Value, date!.Value, levels!, etiology!.Value, baseline!, details!), []);
    }

    private static IReadOnlyList<VertebralLevel>? ReadLevels(JsonFields fields, JsonElement body)
    {
        if (fields.Array(body, "levels", "", true, MaxLevels, "vertebral levels") is not { } array) return null;
        if (array.GetArrayLength() == 0)
        {
            fields.Add(Rejection.Invalid("levels", "List at least one treated vertebra, like [\"T12\", \"L1\"]."));
            return null;
        }
        var levels = new List<VertebralLevel>();
        var ok = true;
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"levels[{index++}]";
            if (item.ValueKind == JsonValueKind.String && VertebralLevel.TryParse(item.GetString(), out var level))
            {
                if (levels.Contains(level)) { fields.Add(Rejection.Invalid(path, $"{level} is listed twice.")); ok = false; }
                else levels.Add(level);
                continue;
            }
            fields.Add(Rejection.Invalid(path, item.ValueKind == JsonValueKind.String
                ? $"'{JsonFields.Truncated(item.GetString()!)}' is not a vertebral level; use C1–C7, T1–T12, L1–L5 or S1."
                : "A vertebral level is a string like \"T12\"."));
            ok = false;
        }
        return ok ? levels.Order().ToList() : null;
    }

    private static Baseline? ReadBaseline(JsonFields fields, JsonElement body)
    {
        if (fields.Object(body, "baseline", "", true) is not { } baseline) return null;
        var pain = fields.Pain(baseline, "pain", "baseline", true);
        var medications = fields.Medications(baseline, "medications", "baseline", true);
        return pain is { } p && medications is not null ? new Baseline(p, medications) : null;
    }
}
