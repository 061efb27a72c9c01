using System.Text;
using System.Text.Json.Nodes;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions.Tests.Requests;

public class ProcedureRegistrationRequestTests
{
    static readonly DateOnly ClinicToday = new(2026, 3, 1);

    const string Valid = """
        {
          "patientRef": "VP-2026-0042",
          "contact": { "email": "pat@example.org", "phone": "+49 30 1234-567", "language": "de" },
          "procedureType": "kyphoplasty",
          "procedureDate": "2026-03-01",
          "levels": ["L1", "t12"],
          "etiology": "osteoporotic",
          "baseline": { "pain": 8, "medications": ["paracetamol", "weak_opioid"] },
          "details": {
            "operator": "spine_surgeon", "anesthesia": "local_with_sedation", "discharge": "next_day",
            "cementVolumeMl": 6.5, "complications": ["cement_leakage"],
            "kyphoplasty": { "heightRestoredMm": 4, "kyphoticAngleBefore": 18, "kyphoticAngleAfter": 11 }
          }
        }
        """;

    static (ProcedureRegistration? Registration, IReadOnlyList<Rejection> Problems) Read(string json)
    {
        var (body, why) = JsonRequest.Bind<ProcedureRegistrationRequest>(Encoding.UTF8.GetBytes(json));
        return body is null ? (null, [why!]) : body.ToRegistration(ClinicToday);
    }

    /// <summary>The valid body with the value at a dotted path replaced by <paramref name="json"/>, or removed when null.</summary>
    static string With(string path, string? json)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(root, (node, name) => node[name]!.AsObject());
        if (json is null) parent.Remove(names[^1]);
        else parent[names[^1]] = JsonNode.Parse(json);
        return root.ToJsonString();
    }

    [Fact]
    public void A_complete_registration_is_read_with_levels_in_order_and_the_phone_in_E164_form()
    {
        var (registration, problems) = Read(Valid);

        Assert.Empty(problems);
        Assert.Equal("VP-2026-0042", registration!.PatientRef);
        Assert.Equal(new PatientContact("pat@example.org", "+49301234567", "de"), registration.Contact);
        Assert.Equal(ProcedureType.Kyphoplasty, registration.ProcedureType);
        Assert.Equal(ClinicToday, registration.ProcedureDate);
        Assert.Equal(["T12", "L1"], registration.Levels.Select(l => l.ToString()));
        Assert.Equal(Etiology.Osteoporotic, registration.Etiology);
        Assert.Equal(8, registration.Baseline.Pain.Value);
        Assert.Equal([Medication.Paracetamol, Medication.WeakOpioid], registration.Baseline.Medications);
        Assert.Equal(OperatorSpecialty.SpineSurgeon, registration.Details.Operator);
        Assert.Equal(Anesthesia.LocalWithSedation, registration.Details.Anesthesia);
        Assert.Equal(DischargeTiming.NextDay, registration.Details.Discharge);
        Assert.Equal(6.5m, registration.Details.CementVolumeMl);
        Assert.Equal([Complication.CementLeakage], registration.Details.Complications);
        Assert.Equal(new KyphoplastyMeasures(4, 18, 11), registration.Details.Kyphoplasty);
    }

    [Theory]
    [InlineData("details", null)]                                // details are optional
    [InlineData("contact.phone", null)]                          // e-mail alone will do
    [InlineData("contact.email", null)]                          // and so will a phone alone
    [InlineData("contact.language", null)]                       // defaults to English
    [InlineData("contact.language", "\"zh-Hans\"")]
    [InlineData("procedureDate", "\"2020-02-29\"")]              // registered years late
    [InlineData("procedureDate", "\"2000-01-01\"")]              // the earliest date taken
    [InlineData("baseline.pain", "0")]
    [InlineData("baseline.pain", "10")]
    [InlineData("baseline.medications", "[\"none\"]")]
    [InlineData("levels", "[\"C1\", \"S1\"]")]
    [InlineData("details.cementVolumeMl", "50")]
    [InlineData("details.cementVolumeMl", "0.1")]
    [InlineData("details.complications", "[]")]
    [InlineData("details.kyphoplasty.kyphoticAngleBefore", "-30")]
    [InlineData("details.kyphoplasty.kyphoticAngleAfter", "90")]
    [InlineData("details.kyphoplasty.heightRestoredMm", "0")]
    [InlineData("patientRef", "\"VP-0123456789012345678901234567890123456789012345678901234567890\"")]   // 64 characters
    [InlineData("patientRef", "\"123456\"")]                     // six digits: too short for a phone number
    [InlineData("patientRef", "\"VP 2026 0042 17\"")]            // digits among letters
    public void Values_at_the_edge_of_what_is_allowed_are_accepted(string path, string? json)
    {
        var (registration, problems) = Read(With(path, json));

        Assert.Empty(problems);
        Assert.NotNull(registration);
    }

    [Fact]
    public void Contact_without_a_language_is_for_English_readers() =>
        Assert.Equal("en", Read(With("contact.language", null)).Registration!.Contact.Language);

    [Theory]
    [InlineData("patientRef", null, "patientRef")]
    [InlineData("patientRef", "\"\"", "patientRef")]
    [InlineData("patientRef", "\"   \"", "patientRef")]
    [InlineData("patientRef", "42", "patientRef")]
    [InlineData("patientRef", "\"VP-01234567890123456789012345678901234567890123456789012345678901\"", "patientRef")]   // 65 characters
    [InlineData("patientRef", "\"anna.meier@example.org\"", "patientRef")]
    [InlineData("patientRef", "\"+49 170 1234567\"", "patientRef")]
    [InlineData("patientRef", "\"(030) 123-4567\"", "patientRef")]
    [InlineData("patientRef", "\"VP-2026\u2028-0042\"", "patientRef")]   // a line separator
    [InlineData("patientRef", "\"VP-2026\u2029-0042\"", "patientRef")]   // a paragraph separator
    [InlineData("patientRef", "\"VP-2026\u0085-0042\"", "patientRef")]   // next line (a control character)
    [InlineData("procedureDate", "\"1999-12-31\"", "procedureDate")]
    [InlineData("procedureDate", "\"1900-01-01\"", "procedureDate")]
    [InlineData("procedureDate", "\"0001-01-01\"", "procedureDate")]
    [InlineData("contact", null, "contact")]
    [InlineData("contact", "\"pat@example.org\"", "contact")]
    [InlineData("contact", "{}", "contact")]
    [InlineData("contact", "{\"language\":\"en\"}", "contact")]
    [InlineData("contact.email", "\"not-an-email\"", "contact.email")]
    [InlineData("contact.email", "\"pat@localhost\"", "contact.email")]
    [InlineData("contact.email", "\"pat @example.org\"", "contact.email")]
    [InlineData("contact.email", "true", "contact.email")]
    [InlineData("contact.email", "\"<pat@example.org>\"", "contact.email")]
    [InlineData("contact.email", "\"pat@[127.0.0.1]\"", "contact.email")]
    [InlineData("contact.email", "\"pat\\u0000@example.org\"", "contact.email")]
    [InlineData("contact.email", "\"pat\\u001b@example.org\"", "contact.email")]
    [InlineData("contact.email", "\"\\\"pat\\\"@example.org\"", "contact.email")]
    [InlineData("contact.phone", "\"+49 30\\u000b1234567\"", "contact.phone")]
    [InlineData("contact.phone", "\"030 1234567\"", "contact.phone")]          // no country code
    [InlineData("contact.phone", "\"+49 30 12ab\"", "contact.phone")]
    [InlineData("contact.phone", "\"+1234\"", "contact.phone")]
    [InlineData("contact.phone", "\"+1234567890123456\"", "contact.phone")]    // 16 digits: longer than E.164 allows
    [InlineData("contact.phone", "4930123456", "contact.phone")]
    [InlineData("contact.language", "\"english!\"", "contact.language")]
    [InlineData("contact.language", "\"e\"", "contact.language")]
    [InlineData("procedureType", null, "procedureType")]
    [InlineData("procedureType", "\"vertebroplastie\"", "procedureType")]
    [InlineData("procedureType", "1", "procedureType")]
    [InlineData("procedureDate", null, "procedureDate")]
    [InlineData("procedureDate", "\"2026-03-02\"", "procedureDate")]          // the clinic's tomorrow
    [InlineData("procedureDate", "\"01/03/2026\"", "procedureDate")]
    [InlineData("procedureDate", "\"2026-02-30\"", "procedureDate")]
    [InlineData("procedureDate", "\"2026-03-01T10:00:00Z\"", "procedureDate")]
    [InlineData("levels", null, "levels")]
    [InlineData("levels", "[]", "levels")]
    [InlineData("levels", "\"T12\"", "levels")]
    [InlineData("levels", "[\"T12\", \"T13\"]", "levels[1]")]
    [InlineData("levels", "[\"T12\", \"t12\"]", "levels[1]")]
    [InlineData("levels", "[\"T12\", 12]", "levels[1]")]
    [InlineData("etiology", null, "etiology")]
    [InlineData("etiology", "\"idiopathic\"", "etiology")]
    [InlineData("baseline", null, "baseline")]
    [InlineData("baseline", "[8]", "baseline")]
    [InlineData("baseline.pain", null, "baseline.pain")]
    [InlineData("baseline.pain", "11", "baseline.pain")]
    [InlineData("baseline.pain", "-1", "baseline.pain")]
    [InlineData("baseline.pain", "\"8\"", "baseline.pain")]
    [InlineData("baseline.pain", "7.5", "baseline.pain")]
    [InlineData("baseline.medications", null, "baseline.medications")]
    [InlineData("baseline.medications", "[]", "baseline.medications")]
    [InlineData("baseline.medications", "\"nsaid\"", "baseline.medications")]
    [InlineData("baseline.medications", "[\"none\", \"nsaid\"]", "baseline.medications")]
    [InlineData("baseline.medications", "[\"nsaid\", \"aspirin\"]", "baseline.medications[1]")]
    [InlineData("baseline.medications", "[\"nsaid\", \"nsaid\"]", "baseline.medications[1]")]
    [InlineData("details", "\"yes\"", "details")]
    [InlineData("details.operator", "\"nurse\"", "details.operator")]
    [InlineData("details.anesthesia", "\"spinal\"", "details.anesthesia")]
    [InlineData("details.discharge", "\"tomorrow\"", "details.discharge")]
    [InlineData("details.cementVolumeMl", "0", "details.cementVolumeMl")]
    [InlineData("details.cementVolumeMl", "50.1", "details.cementVolumeMl")]
    [InlineData("details.cementVolumeMl", "\"6\"", "details.cementVolumeMl")]
    [InlineData("details.complications", "[\"cement_leak\"]", "details.complications[0]")]
    [InlineData("details.complications", "\"cement_leakage\"", "details.complications")]
    [InlineData("details.kyphoplasty", "12", "details.kyphoplasty")]
    [InlineData("details.kyphoplasty.heightRestoredMm", "-1", "details.kyphoplasty.heightRestoredMm")]
    [InlineData("details.kyphoplasty.heightRestoredMm", "31", "details.kyphoplasty.heightRestoredMm")]
    [InlineData("details.kyphoplasty.kyphoticAngleBefore", "91", "details.kyphoplasty.kyphoticAngleBefore")]
    [InlineData("details.kyphoplasty.kyphoticAngleAfter", "-31", "details.kyphoplasty.kyphoticAngleAfter")]
    public void Each_wrong_field_is_rejected_by_its_path(string path, string? json, string field)
    {
        var (registration, problems) = Read(With(path, json));

        Assert.Null(registration);
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("patientRef", "missing-field")]
    [InlineData("baseline.pain", "missing-field")]
    [InlineData("contact.email", null)]                      // optional: nothing missing
    public void A_required_field_left_out_is_reported_as_missing(string path, string? code)
    {
        var problems = Read(With(path, null)).Problems;

        Assert.Equal(code, problems.SingleOrDefault()?.Code);
    }

    [Fact]
    public void An_unknown_value_names_the_valid_ones() =>
        Assert.Contains("osteoporotic, malignant, traumatic, other", Assert.Single(Read(With("etiology", "\"idiopathic\"")).Problems).Detail);

    [Fact]
    public void A_future_date_is_explained_as_past_allowed_future_not() =>
        Assert.Contains("may be in the past, not in the future", Assert.Single(Read(With("procedureDate", "\"2026-03-02\"")).Problems).Detail);

    [Fact]
    public void Kyphoplasty_measures_on_a_vertebroplasty_are_rejected()
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["procedureType"] = "vertebroplasty";

        var problems = Read(body.ToJsonString()).Problems;

        Assert.Equal("details.kyphoplasty", Assert.Single(problems).Field);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        const string body = """
            {"patientRef":"a@b.c","contact":{"phone":"12"},"procedureType":"vp","procedureDate":"2099-01-01",
             "levels":["T12","Z9","T12"],"etiology":null,"baseline":{"pain":12,"medications":["none","nsaid"]},
             "details":{"cementVolumeMl":-2,"complications":["x"]}}
            """;

        var (registration, problems) = Read(body);

        Assert.Null(registration);
        Assert.Equal(
            ["patientRef", "contact.phone", "procedureType", "procedureDate", "levels[1]", "levels[2]", "etiology",
             "baseline.pain", "baseline.medications", "details.cementVolumeMl", "details.complications[0]"],
            problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"register\"")]
    [InlineData("null")]
    public void A_body_that_is_not_an_object_is_one_rejection(string json) =>
        Assert.Equal("malformed-json", Assert.Single(Read(json).Problems).Code);

    [Fact]
    public void Contact_details_stay_out_of_the_text_of_a_registration() =>
        Assert.DoesNotContain("pat@example.org", Read(Valid).Registration!.ToString());
}
