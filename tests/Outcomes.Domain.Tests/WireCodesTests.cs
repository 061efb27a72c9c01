using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests;

public class WireCodesTests
{
    public static TheoryData<string, string> Codes => new()
    {
        { ProcedureTypeCodes.Wire.Describes, "vertebroplasty,kyphoplasty" },
        { EtiologyCodes.Wire.Describes, "osteoporotic,malignant,traumatic,other" },
        { MedicationCodes.Wire.Describes, "none,paracetamol,nsaid,weak_opioid,strong_opioid" },
        { OperatorSpecialtyCodes.Wire.Describes, "spine_surgeon,interventional_radiologist" },
        { AnesthesiaCodes.Wire.Describes, "local,local_with_sedation,general" },
        { DischargeTimingCodes.Wire.Describes, "same_day,next_day,later" },
        { NewFractureAnswerCodes.Wire.Describes, "yes,no,unsure" },
        { FollowUpStatusCodes.Wire.Describes, "pending,invited,reminded,answered,missed,cancelled" },
        { PatientEventTypeCodes.Wire.Describes, "death,new_fracture,withdrawal,opt_out" },
        { WorklistItemKindCodes.Wire.Describes, "new_fracture,possible_new_fracture,pain_worse,strong_opioid_started,call_patient,missed_survey" },
    };

    static readonly Dictionary<string, IReadOnlyList<string>> ValidByName = new[]
    {
        (ProcedureTypeCodes.Wire.Describes, ProcedureTypeCodes.Wire.Valid), (EtiologyCodes.Wire.Describes, EtiologyCodes.Wire.Valid),
        (MedicationCodes.Wire.Describes, MedicationCodes.Wire.Valid), (OperatorSpecialtyCodes.Wire.Describes, OperatorSpecialtyCodes.Wire.Valid),
        (AnesthesiaCodes.Wire.Describes, AnesthesiaCodes.Wire.Valid), (DischargeTimingCodes.Wire.Describes, DischargeTimingCodes.Wire.Valid),
        (NewFractureAnswerCodes.Wire.Describes, NewFractureAnswerCodes.Wire.Valid), (FollowUpStatusCodes.Wire.Describes, FollowUpStatusCodes.Wire.Valid),
        (PatientEventTypeCodes.Wire.Describes, PatientEventTypeCodes.Wire.Valid), (WorklistItemKindCodes.Wire.Describes, WorklistItemKindCodes.Wire.Valid),
    }.ToDictionary(p => p.Item1, p => p.Item2);

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_wire_codes_are_the_documented_snake_case_ones(string describes, string codes) =>
        Assert.Equal(codes, string.Join(",", ValidByName[describes]));

    [Fact]
    public void Every_code_round_trips_and_parses_ignoring_case()
    {
        foreach (var value in Enum.GetValues<Complication>())
        {
            Assert.True(ComplicationCodes.Wire.TryParse(value.ToWire().ToUpperInvariant(), out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void An_unknown_code_is_rejected_listing_the_valid_ones()
    {
        var why = EtiologyCodes.Wire.Unknown("etiology", "idiopathic");

        Assert.Equal("etiology", why.Field);
        Assert.Equal("'idiopathic' is not a valid etiology; use one of: osteoporotic, malignant, traumatic, other.", why.Detail);
    }

    [Fact]
    public void A_table_missing_a_member_is_refused_when_built() =>
        Assert.Throws<ArgumentException>(() => new WireCodes<ProcedureType>("procedure type", (ProcedureType.Kyphoplasty, "kyphoplasty")));
}
