using System.Text.Json;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

public sealed class SurveyFormTests
{
    private static (SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) Read(string body) =>
        SurveyForm.Read(SurveyForm.ParseUrlEncoded(body));

    [Fact]
    public void A_complete_form_reads_as_the_answers_it_shows()
    {
        var (answers, problems) = Read("pain=4&medications=paracetamol&medications=strong_opioid&opioid.name=oxycodone&opioid.dailyDose=12.5&newFracture=no");

        Assert.Empty(problems);
        Assert.Equal(4, answers!.Pain.Value);
        Assert.Equal([Medication.Paracetamol, Medication.StrongOpioid], answers.Medications);
        Assert.Equal(new OpioidDose(Opioid.Oxycodone, 12.5m), answers.Opioid);
        Assert.Equal(NewFractureAnswer.No, answers.NewFracture);
    }

    [Fact]
    public void Empty_optional_fields_are_left_out()
    {
        var (sent, problems) = SurveyForm.ToRequest(SurveyForm.ParseUrlEncoded("pain=0&opioid.name=&opioid.dailyDose=+&newFracture="));

        Assert.Equal("""{"pain":0}""", JsonSerializer.Serialize(sent, JsonRequest.Options));
        Assert.Empty(problems);
        Assert.Empty(Read("pain=0&opioid.name=&opioid.dailyDose=+&newFracture=").Problems);
    }

    [Fact]
    public void The_opioid_is_sent_when_only_its_dose_is_given_so_the_missing_name_is_reported()
    {
        var (sent, _) = SurveyForm.ToRequest(SurveyForm.ParseUrlEncoded("pain=5&medications=weak_opioid&opioid.dailyDose=100"));

        Assert.Equal("""{"pain":5,"medications":["weak_opioid"],"opioid":{"dailyDose":100}}""", JsonSerializer.Serialize(sent, JsonRequest.Options));
        Assert.Equal(["opioid.name"], Read("pain=5&medications=weak_opioid&opioid.dailyDose=100").Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("", "pain")]                                            // nothing chosen
    [InlineData("pain=abc", "pain")]                                    // not a number stays a string, never 0
    [InlineData("pain=11", "pain")]
    [InlineData("pain=3.5", "pain")]
    [InlineData("pain=3&pain=4", "pain")]                               // two answers to one question
    [InlineData("pain=3&medications=none&medications=nsaid", "medications")]
    [InlineData("pain=3&medications=aspirin", "medications[0]")]
    [InlineData("pain=3&medications=nsaid&opioid.name=tramadol&opioid.dailyDose=50", "opioid")]
    [InlineData("pain=3&opioid.name=heroin&opioid.dailyDose=5", "opioid.name")]
    [InlineData("pain=3&opioid.name=tramadol&opioid.dailyDose=abc", "opioid.dailyDose")]
    [InlineData("pain=3&opioid.name=tramadol&opioid.dailyDose=0", "opioid.dailyDose")]
    [InlineData("pain=3&opioid.name=tramadol&opioid.dailyDose=3%2C5", "opioid.dailyDose")]
    [InlineData("pain=3&opioid.name=tramadol&opioid.dailyDose=1e3", "opioid.dailyDose")]
    [InlineData("pain=3&newFracture=maybe", "newFracture")]
    public void Wrong_input_stays_wrong_and_is_refused_at_its_field(string body, string field)
    {
        var (answers, problems) = Read(body);

        Assert.Null(answers);
        Assert.Contains(field, problems.Select(p => p.Field));
    }

    [Fact]
    public void Url_encoded_bodies_are_decoded_keeping_repeated_fields()
    {
        var fields = SurveyForm.ParseUrlEncoded("pain=3&medications=paracetamol&medications=nsaid&note=a+b%26c%3D&empty=");

        Assert.Equal([
            KeyValuePair.Create("pain", "3"), KeyValuePair.Create("medications", "paracetamol"), KeyValuePair.Create("medications", "nsaid"),
            KeyValuePair.Create("note", "a b&c="), KeyValuePair.Create("empty", "")], fields);
    }

    [Fact]
    public void Rejections_become_one_localised_message_per_form_field()
    {
        var (_, problems) = Read("pain=abc&medications=aspirin&medications=morphine&opioid.name=tramadol&opioid.dailyDose=-1&newFracture=maybe");
        var spanish = PatientTextsTests.Shipped.For("es");

        var errors = SurveyForm.ToFieldErrors(spanish, problems);

        Assert.Equal(["pain", "medications", "opioid.dailyDose", "newFracture"], errors.Select(e => e.Field));
        Assert.Equal(spanish["error.pain"], errors[0].Message);
        Assert.Equal(spanish["error.medications"], errors[1].Message);
    }

    [Fact]
    public void A_rejection_without_a_localised_message_keeps_its_detail()
    {
        var errors = SurveyForm.ToFieldErrors(PatientTextsTests.Shipped.For("en"),
            [new Rejection("not-an-object", "The answers must be a JSON object.", "Got a JSON array."), Rejection.Invalid("weird", "Weird detail.")]);

        Assert.Equal([new FieldError("", "Got a JSON array."), new FieldError("weird", "Weird detail.")], errors);
    }

    [Fact]
    public void A_refused_form_renders_again_with_its_errors_and_answers()
    {
        var fields = SurveyForm.ParseUrlEncoded("pain=abc&medications=paracetamol&newFracture=yes");
        var t = PatientTextsTests.Shipped.For("zh-CN");
        var errors = SurveyForm.ToFieldErrors(t, SurveyForm.Read(fields).Problems);

        var html = SurveyPages.Form(t, new SurveyFormModel("北区脊柱中心", SurveyPages.TimePointLabel(t, "1m"), "/api/surveys/x.y",
            new DateOnly(2026, 12, 4), errors, SurveyForm.ToPrevious(fields)));

        var page = PageAssert.WellFormed(html);
        Assert.Equal("zh-Hans", page.Root!.Attr("lang"));
        Assert.Contains(t["error.pain"], page.Descendants("div").Single(d => d.Attr("role") == "alert").Value);
        Assert.Equal(["medications-paracetamol", "newFracture-yes"],
            page.Descendants("input").Where(i => i.Attr("checked") is not null).Select(i => i.Attr("id")));
    }

    [Fact]
    public void What_the_writer_stores_reads_back_through_the_form_names()
    {
        var stored = new SurveyAnswers(PainScore.From(2), [Medication.WeakOpioid], new OpioidDose(Opioid.Tramadol, 150m), NewFractureAnswer.Unsure);

        var (sent, problems) = SurveyForm.ToRequest(SurveyForm.ParseUrlEncoded(
            "pain=2&medications=weak_opioid&opioid.name=tramadol&opioid.dailyDose=150&newFracture=unsure"));

        Assert.Empty(problems);
        Assert.Equal(JsonSerializer.Serialize(SurveyAnswersRequest.From(stored), JsonRequest.Options), JsonSerializer.Serialize(sent, JsonRequest.Options));
    }
}
