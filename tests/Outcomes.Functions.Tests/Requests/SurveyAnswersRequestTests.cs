using System.Text;
using Outcomes.Domain;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Functions.Tests.Requests;

public class SurveyAnswersRequestTests
{
    static (SurveyAnswers? Answers, IReadOnlyList<Rejection> Problems) Read(string json)
    {
        var (body, why) = JsonRequest.Bind<SurveyAnswersRequest>(Encoding.UTF8.GetBytes(json));
        return body is null ? (null, [why!]) : body.ToAnswers();
    }

    [Fact]
    public void Full_answers_are_read_with_the_opioid_dose_in_morphine_equivalents()
    {
        var (answers, problems) = Read("""
            {"pain":3,"medications":["paracetamol","strong_opioid"],"opioid":{"name":"oxycodone","dailyDose":20},"newFracture":"unsure"}
            """);

        Assert.Empty(problems);
        Assert.Equal(3, answers!.Pain.Value);
        Assert.Equal([Medication.Paracetamol, Medication.StrongOpioid], answers.Medications);
        Assert.Equal(new OpioidDose(Opioid.Oxycodone, 20), answers.Opioid);
        Assert.Equal(30m, answers.Opioid!.MorphineEquivalentPerDay.MilligramsPerDay);
        Assert.Equal(NewFractureAnswer.Unsure, answers.NewFracture);
    }

    [Fact]
    public void Pain_alone_still_reads_the_other_answers_being_optional_for_now()
    {
        var (answers, problems) = Read("""{"pain":3}""");

        Assert.Empty(problems);
        Assert.Equal(new SurveyAnswers(PainScore.From(3)), answers);
    }

    [Theory]
    [InlineData("""{"pain":3,"medications":[]}""", "medications")]
    [InlineData("""{"pain":3,"medications":["none","nsaid"]}""", "medications")]
    [InlineData("""{"pain":3,"medications":["nsaid","ibuprofen"]}""", "medications[1]")]
    [InlineData("""{"pain":3,"medications":"nsaid"}""", "medications")]
    [InlineData("""{"pain":3,"newFracture":"maybe"}""", "newFracture")]
    [InlineData("""{"pain":3,"newFracture":true}""", "newFracture")]
    [InlineData("""{"pain":3,"opioid":{"dailyDose":20}}""", "opioid.name")]
    [InlineData("""{"pain":3,"opioid":{"name":"heroin","dailyDose":20}}""", "opioid.name")]
    [InlineData("""{"pain":3,"opioid":{"name":"morphine"}}""", "opioid.dailyDose")]
    [InlineData("""{"pain":3,"opioid":{"name":"morphine","dailyDose":0}}""", "opioid.dailyDose")]
    [InlineData("""{"pain":3,"opioid":{"name":"morphine","dailyDose":5001}}""", "opioid.dailyDose")]
    [InlineData("""{"pain":3,"opioid":"morphine"}""", "opioid")]
    [InlineData("""{"pain":3,"medications":["none"],"opioid":{"name":"morphine","dailyDose":30}}""", "opioid")]
    [InlineData("""{"pain":3,"medications":["nsaid"],"opioid":{"name":"morphine","dailyDose":30}}""", "opioid")]
    public void A_wrong_answer_is_rejected_by_its_path(string json, string field)
    {
        var (answers, problems) = Read(json);

        Assert.Null(answers);
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Fact]
    public void Every_wrong_answer_is_reported_at_once()
    {
        var (_, problems) = Read("""{"pain":11,"medications":["none","nsaid"],"newFracture":"maybe"}""");

        Assert.Equal(["pain", "medications", "newFracture"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Answers_written_in_their_wire_form_read_back_the_same()
    {
        var answers = new SurveyAnswers(PainScore.From(2), [Medication.WeakOpioid], new OpioidDose(Opioid.Tramadol, 150m), NewFractureAnswer.Unsure);

        var (read, problems) = Read(System.Text.Json.JsonSerializer.Serialize(SurveyAnswersRequest.From(answers), JsonRequest.Options));

        Assert.Empty(problems);
        Assert.Equal((answers.Pain, answers.Opioid, answers.NewFracture), (read!.Pain, read.Opioid, read.NewFracture));
        Assert.Equal(answers.Medications, read.Medications);
    }
}
