using System.Text;
using Outcomes.Domain;
using Outcomes.Domain.Responses;

namespace Outcomes.Functions.Tests.Requests;

public class SurveyAnswersPainTests
{
    private static (SurveyAnswers? Answers, Rejection? Why) Read(string json)
    {
        var (body, why) = JsonRequest.Bind<SurveyAnswersRequest>(Encoding.UTF8.GetBytes(json));
        if (body is null) return (null, why);
        var (answers, problems) = body.ToAnswers();
        return (answers, problems.FirstOrDefault());
    }

    [Theory]
    [InlineData("{\"pain\":0}", 0)]
    [InlineData("{\"pain\":10}", 10)]
    [InlineData("{\"pain\":5,\"other\":\"ignored\"}", 5)]
    public void Pain_on_the_scale_is_read(string json, int pain) =>
        Assert.Equal(pain, Read(json).Answers!.Pain.Value);

    [Theory]
    [InlineData("{}", "missing-field")]
    [InlineData("{\"pain\":null}", "missing-field")]
    [InlineData("{\"pain\":11}", "invalid-field")]
    [InlineData("{\"pain\":-1}", "invalid-field")]
    [InlineData("{\"pain\":4.5}", "invalid-field")]
    [InlineData("{\"pain\":\"4\"}", "invalid-field")]
    [InlineData("{\"pain\":99999999999}", "invalid-field")]
    public void Pain_that_is_missing_or_off_the_scale_is_rejected_naming_the_field(string json, string code)
    {
        var (answers, why) = Read(json);

        Assert.Null(answers);
        Assert.Equal(code, why!.Code);
        Assert.Equal("pain", why.Field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("3")]
    [InlineData("\"pain=3\"")]
    public void Answers_that_are_not_an_object_are_rejected(string json) =>
        Assert.Equal("malformed-json", Read(json).Why!.Code);
}
