using System.Text.Json;
using Outcomes.Domain.Json;

namespace Outcomes.Domain.Procedures;

/// <summary>Reads the optional <c>details</c> object of a registration.</summary>
internal static class DetailsReader
{
    public static ProcedureDetails? Read(JsonFields fields, JsonElement body, ProcedureType? type)
    {
        if (!body.TryGetProperty("details", out var raw) || raw.ValueKind == JsonValueKind.Null) return ProcedureDetails.None;
        if (fields.Object(body, "details", "", false) is not { } details) return null;
        var before = fields.Problems.Count;

        var read = new ProcedureDetails(
            fields.Code(details, "operator", "details", false, OperatorSpecialtyCodes.Wire),
            fields.Code(details, "anesthesia", "details", false, AnesthesiaCodes.Wire),
            fields.Code(details, "discharge", "details", false, DischargeTimingCodes.Wire),
            fields.Number(details, "cementVolumeMl", "details", false, 0m, false, ProcedureDetails.MaxCementVolumeMl, "Cement volume (ml)"),
            fields.Codes(details, "complications", "details", false, ComplicationCodes.Wire, maxItems: 20) ?? [],
            ReadKyphoplasty(fields, details, type));
        return fields.Problems.Count == before ? read : null;
    }

    private static KyphoplastyMeasures? ReadKyphoplasty(JsonFields fields, JsonElement details, ProcedureType? type)
    {
        if (fields.Object(details, "kyphoplasty", "details", false) is not { } measures) return null;
        if (type == ProcedureType.Vertebroplasty)
        {
            fields.Add(Rejection.Invalid("details.kyphoplasty", "Height restoration and kyphotic angles are recorded for kyphoplasty only."));
            return null;
        }
        const string parent = "details.kyphoplasty";
        return new KyphoplastyMeasures(
            fields.Number(measures, "heightRestoredMm", parent, false, 0m, true, KyphoplastyMeasures.MaxHeightRestoredMm, "Restored height (mm)"),
            Angle(fields, measures, "kyphoticAngleBefore"),
            Angle(fields, measures, "kyphoticAngleAfter"));
    }

    private static decimal? Angle(JsonFields fields, JsonElement measures, string name) =>
        fields.Number(measures, name, "details.kyphoplasty", false, KyphoplastyMeasures.MinKyphoticAngle, true,
            KyphoplastyMeasures.MaxKyphoticAngle, "A kyphotic angle (degrees)");
}
