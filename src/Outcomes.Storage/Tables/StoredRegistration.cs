using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Scores;

namespace Outcomes.Storage.Tables;

/// <summary>
/// A registration as the procedure row keeps it, without the contact (stored encrypted beside it): storage's own
/// record, read back by mapping its codes, not by the public API's validator, so a procedure registered under one
/// version's rules stays readable under the next (a procedure date the API would now refuse is still the date it was).
/// Its JSON is the form procedure rows have always had.
/// </summary>
internal sealed record StoredRegistration(
    string PatientRef, string ProcedureType, string ProcedureDate, IReadOnlyList<string> Levels, string Etiology,
    StoredRegistration.BaselinePart Baseline, StoredRegistration.DetailsPart? Details)
{
    internal sealed record BaselinePart(int Pain, IReadOnlyList<string> Medications);

    internal sealed record DetailsPart(string? Operator, string? Anesthesia, string? Discharge, decimal? CementVolumeMl,
        IReadOnlyList<string>? Complications, KyphoplastyPart? Kyphoplasty);

    internal sealed record KyphoplastyPart(decimal? HeightRestoredMm, decimal? KyphoticAngleBefore, decimal? KyphoticAngleAfter);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(ProcedureRegistration r)
    {
        var d = r.Details;
        return JsonSerializer.Serialize(new StoredRegistration(
            r.PatientRef, r.ProcedureType.ToWire(), r.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Levels.Select(l => l.ToString()).ToList(), r.Etiology.ToWire(),
            new BaselinePart(r.Baseline.Pain.Value, r.Baseline.Medications.Select(m => m.ToWire()).ToList()),
            new DetailsPart(d.Operator?.ToWire(), d.Anesthesia?.ToWire(), d.Discharge?.ToWire(), d.CementVolumeMl,
                d.Complications.Count > 0 ? d.Complications.Select(c => c.ToWire()).ToList() : null,
                d.Kyphoplasty is { } k ? new KyphoplastyPart(k.HeightRestoredMm, k.KyphoticAngleBefore, k.KyphoticAngleAfter) : null)), Json);
    }

    /// <exception cref="InvalidDataException">The row holds something no version of Outcomes wrote.</exception>
    public static ProcedureRegistration Read(string json, PatientContact contact)
    {
        var s = JsonSerializer.Deserialize<StoredRegistration>(json, Json) ?? throw new InvalidDataException("The stored registration is empty.");
        var d = s.Details;
        return new ProcedureRegistration(
            s.PatientRef, contact, Code(ProcedureTypeCodes.Wire, s.ProcedureType),
            DateOnly.ParseExact(s.ProcedureDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            s.Levels.Select(l => VertebralLevel.TryParse(l, out var level) ? level : throw new InvalidDataException($"'{l}' is not a stored vertebral level.")).ToList(),
            Code(EtiologyCodes.Wire, s.Etiology),
            new Baseline(PainScore.From(s.Baseline.Pain), s.Baseline.Medications.Select(m => Code(MedicationCodes.Wire, m)).ToList()),
            d is null ? ProcedureDetails.None : new ProcedureDetails(
                d.Operator is { } o ? Code(OperatorSpecialtyCodes.Wire, o) : null,
                d.Anesthesia is { } a ? Code(AnesthesiaCodes.Wire, a) : null,
                d.Discharge is { } t ? Code(DischargeTimingCodes.Wire, t) : null,
                d.CementVolumeMl,
                d.Complications?.Select(c => Code(ComplicationCodes.Wire, c)).ToList() ?? [],
                d.Kyphoplasty is { } k ? new KyphoplastyMeasures(k.HeightRestoredMm, k.KyphoticAngleBefore, k.KyphoticAngleAfter) : null));
    }

    private static T Code<T>(WireCodes<T> codes, string code) where T : struct, Enum =>
        codes.TryParse(code, out var value) ? value : throw new InvalidDataException($"'{code}' is not a stored {codes.Describes} code.");
}
