using System.Text;
using Outcomes.Domain;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions.Tests.Requests;

public class PatientEventRequestTests
{
    static readonly DateOnly ProcedureDate = new(2026, 2, 1);
    static readonly DateOnly ClinicToday = new(2026, 3, 1);

    static (PatientEvent? Event, IReadOnlyList<Rejection> Problems) Read(string json)
    {
        var (body, why) = JsonRequest.Bind<PatientEventRequest>(Encoding.UTF8.GetBytes(json));
        return body is null ? (null, [why!]) : body.ToEvent(ProcedureDate, ClinicToday);
    }

    [Theory]
    [InlineData("death", PatientEventType.Death)]
    [InlineData("withdrawal", PatientEventType.Withdrawal)]
    [InlineData("opt_out", PatientEventType.OptOut)]
    [InlineData("OPT_OUT", PatientEventType.OptOut)]
    [InlineData("new_fracture", PatientEventType.NewFracture)]
    public void Each_event_type_is_read_by_its_wire_code(string code, PatientEventType expected)
    {
        var (read, problems) = Read($$"""{"type": "{{code}}", "date": "2026-02-20"}""");

        Assert.Empty(problems);
        Assert.Equal(expected, read!.Type);
        Assert.Equal(new DateOnly(2026, 2, 20), read.Date);
        Assert.Empty(read.Levels);
    }

    [Theory]
    [InlineData("2026-01-31", false)]   // the day before the procedure
    [InlineData("2026-02-01", true)]    // the procedure day itself
    [InlineData("2026-03-01", true)]    // the clinic's today
    [InlineData("2026-03-02", false)]   // the clinic's tomorrow
    public void The_date_lies_from_the_procedure_day_up_to_the_clinics_today(string date, bool accepted)
    {
        var (read, problems) = Read($$"""{"type": "death", "date": "{{date}}"}""");

        Assert.Equal(accepted, read is not null);
        if (!accepted) Assert.Equal("date", Assert.Single(problems).Field);
    }

    [Fact]
    public void A_new_fracture_keeps_its_levels_sorted_head_to_tail()
    {
        var (read, _) = Read("""{"type": "new_fracture", "date": "2026-02-20", "levels": ["L2", "t12"]}""");

        Assert.Equal(["T12", "L2"], read!.Levels.Select(l => l.ToString()));
    }

    [Theory]
    [InlineData("""{"date": "2026-02-20"}""", "type", "missing-field")]
    [InlineData("""{"type": "fall", "date": "2026-02-20"}""", "type", "invalid-field")]
    [InlineData("""{"type": 3, "date": "2026-02-20"}""", "type", "invalid-field")]
    [InlineData("""{"type": "death"}""", "date", "missing-field")]
    [InlineData("""{"type": "death", "date": "20.02.2026"}""", "date", "invalid-field")]
    [InlineData("""{"type": "death", "date": "2026-02-20", "levels": ["L2"]}""", "levels", "invalid-field")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20", "levels": "L2"}""", "levels", "invalid-field")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20", "levels": ["L6"]}""", "levels[0]", "invalid-field")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20", "levels": ["L2", "l2"]}""", "levels[1]", "invalid-field")]
    [InlineData("""["death"]""", null, "malformed-json")]
    public void A_wrong_field_is_named_by_its_path(string json, string? field, string code)
    {
        var (read, problems) = Read(json);

        Assert.Null(read);
        var problem = Assert.Single(problems);
        Assert.Equal((field, code), (problem.Field, problem.Code));
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var (_, problems) = Read("""{"type": "fall", "date": "2027-01-01"}""");

        Assert.Equal(["type", "date"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("""{"type": "death", "date": "2026-02-20"}""", "death")]
    [InlineData("""{"type": "death", "date": "2026-02-21"}""", "death")]   // a patient dies once, whatever day is reported
    [InlineData("""{"type": "opt_out", "date": "2026-02-20"}""", "opt_out")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20"}""", "new_fracture_2026-02-20")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20", "levels": ["L3", "L2"]}""", "new_fracture_2026-02-20_L2-L3")]
    public void The_key_names_what_makes_two_reports_the_same_event(string json, string key) =>
        Assert.Equal(key, Read(json).Event!.Key);
}
