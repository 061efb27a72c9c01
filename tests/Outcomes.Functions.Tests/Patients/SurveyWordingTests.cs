using System.Globalization;
using Outcomes.Functions.Patients;

namespace Outcomes.Functions.Tests.Patients;

/// <summary>What the survey says matches what it is: the questions it really asks, over the time it really covers.</summary>
public sealed class SurveyWordingTests
{
    private static readonly LanguageTexts English = PatientTextsTests.Shipped.For("en");

    public static TheoryData<string> Languages() => [.. PatientTextsTests.Shipped.Languages];

    private static SurveyFormModel Model(string timePoint) =>
        new("Spine Centre North", timePoint, "abc.def", new DateOnly(2026, 12, 4), [], new Dictionary<string, IReadOnlyList<string>>(), TimePointCode: timePoint);

    private static string NewFractureLegend(string html) =>
        PageAssert.WellFormed(html).All("fieldset").Single(f => f.Attr("id") == "newFracture").Element("legend")!.Value;

    private static int Questions(LanguageTexts t) => PageAssert.WellFormed(SurveyPages.Form(t, Model("1m"))).All("fieldset").Count();

    private static InvitationContent Invitation() => new("Spine Centre North",
        new Uri("https://outcomes.example.org/api/surveys/abc.def"), new Uri("https://outcomes.example.org/api/surveys/abc.def/opt-out"), null, 9, new DateOnly(2026, 12, 4));

    [Theory]
    [InlineData("en", "The survey has {0} short questions")]
    [InlineData("es", "La encuesta tiene {0} preguntas breves")]
    [InlineData("zh-Hans", "问卷只有{0}个简短的问题")]
    public void The_invitation_counts_the_questions_the_survey_page_shows(string language, string said)
    {
        var t = PatientTextsTests.Shipped.For(language);
        var onThePage = Questions(t);

        var email = InvitationMessages.Email(t, Invitation());

        Assert.Equal(SurveyPages.QuestionCount, onThePage);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, said, onThePage), email.Text);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, said, onThePage), email.Html);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_one_week_survey_asks_about_new_fractures_since_the_treatment(string language)
    {
        var t = PatientTextsTests.Shipped.For(language);

        var oneWeek = NewFractureLegend(SurveyPages.Form(t, Model("1w")));

        Assert.Equal(t["survey.newFracture.legend.1w"], oneWeek);
        Assert.NotEqual(t["survey.newFracture.legend"], oneWeek);
    }

    [Theory]
    [InlineData("1m")]
    [InlineData("3m")]
    [InlineData("6m")]
    [InlineData("12m")]
    public void Later_surveys_ask_about_new_fractures_since_the_last_survey(string timePoint) =>
        Assert.Equal(English["survey.newFracture.legend"], NewFractureLegend(SurveyPages.Form(English, Model(timePoint))));

    [Fact]
    public void Nothing_in_the_one_week_survey_speaks_of_a_last_survey()
    {
        var page = SurveyPages.Form(English, Model("1w"));

        Assert.DoesNotContain("last survey", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Since your spine treatment", page);
    }
}
