using System.Globalization;
using System.Text.Json.Nodes;
using Outcomes.Domain.Medications;

namespace Outcomes.Domain.Procedures;

/// <summary>
/// Writes a registration back in the wire form <see cref="ProcedureRegistration.Read"/> reads, without the contact:
/// what a procedure record shows, and what storage keeps beside the encrypted contact.
/// </summary>
public static class ProcedureRegistrationWriter
{
    public static JsonObject ToJsonWithoutContact(this ProcedureRegistration r)
    {
        var details = new JsonObject();
        if (r.Details.Operator is { } op) details["operator"] = op.ToWire();
        if (r.Details.Anesthesia is { } anesthesia) details["anesthesia"] = anesthesia.ToWire();
        if (r.Details.Discharge is { } discharge) details["discharge"] = discharge.ToWire();
        if (r.Details.CementVolumeMl is { } cement) details["cementVolumeMl"] = cement;
        if (r.Details.Complications.Count > 0)
            details["complications"] = new JsonArray(r.Details.Complications.Select(c => (JsonNode)c.ToWire()).ToArray());
        if (r.Details.Kyphoplasty is { } k)
        {
            var measures = new JsonObject();
            if (k.HeightRestoredMm is { } height) measures["heightRestoredMm"] = height;
            if (k.KyphoticAngleBefore is { } before) measures["kyphoticAngleBefore"] = before;
            if (k.KyphoticAngleAfter is { } after) measures["kyphoticAngleAfter"] = after;
            details["kyphoplasty"] = measures;
        }
        return new JsonObject
        {
            ["patientRef"] = r.PatientRef,
            ["procedureType"] = r.ProcedureType.ToWire(),
            ["procedureDate"] = r.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["levels"] = new JsonArray(r.Levels.Select(l => (JsonNode)l.ToString()).ToArray()),
            ["etiology"] = r.Etiology.ToWire(),
            ["baseline"] = new JsonObject
            {
                ["pain"] = r.Baseline.Pain.Value,
                ["medications"] = new JsonArray(r.Baseline.Medications.Select(m => (JsonNode)m.ToWire()).ToArray()),
            },
            ["details"] = details,
        };
    }
}
