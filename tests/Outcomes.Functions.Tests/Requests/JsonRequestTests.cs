using System.Text;
using Outcomes.Domain;

namespace Outcomes.Functions.Tests.Requests;

/// <summary>How every JSON door binds its body: typed, strict, and a wrong type named at its path with the type expected.</summary>
public sealed class JsonRequestTests
{
    private static (T? Body, Rejection? Why) Bind<T>(string json) where T : class => JsonRequest.Bind<T>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"baseline":{"pain":"8"}}""", "baseline.pain", "Must be a whole number; got \"8\".")]
    [InlineData("""{"baseline":{"pain":7.5}}""", "baseline.pain", "Must be a whole number; got 7.5.")]
    [InlineData("""{"baseline":{"pain":99999999999}}""", "baseline.pain", "Must be a whole number; got 99999999999.")]
    [InlineData("""{"baseline":[8]}""", "baseline", "Must be an object; got a JSON array.")]
    [InlineData("""{"levels":"T12"}""", "levels", "Must be a list; got \"T12\".")]
    [InlineData("""{"levels":["T12",12]}""", "levels[1]", "Must be a string; got 12.")]
    [InlineData("""{"procedureDate":"01/03/2026"}""", "procedureDate", "Must be a date written yyyy-MM-dd, like \"2026-03-01\"; got \"01/03/2026\".")]
    [InlineData("""{"procedureDate":"2026-02-30"}""", "procedureDate", "Must be a date written yyyy-MM-dd, like \"2026-03-01\"; got \"2026-02-30\".")]
    [InlineData("""{"details":{"cementVolumeMl":"6"}}""", "details.cementVolumeMl", "Must be a number; got \"6\".")]
    [InlineData("""{"contact":{"email":true}}""", "contact.email", "Must be a string; got a JSON boolean.")]
    [InlineData("""{"Contact":{"Email":false}}""", "Contact.Email", "Must be a string; got a JSON boolean.")]
    public void A_value_of_the_wrong_type_is_named_by_its_path_and_the_type_expected(string json, string field, string detail)
    {
        var (body, why) = Bind<ProcedureRegistrationRequest>(json);

        Assert.Null(body);
        Assert.Equal(("invalid-field", field, detail), (why!.Code, why.Field, why.Detail));
    }

    [Fact]
    public void A_long_wrong_value_comes_back_as_an_excerpt()
    {
        var (_, why) = Bind<ProcedureRegistrationRequest>($$"""{"levels":"{{new string('x', 60_000)}}"}""");

        Assert.True(why!.Detail.Length < 120, why.Detail);
    }

    [Theory]
    [InlineData("""{"pain":3,"Pain":4}""", "duplicate-field")]
    [InlineData("""{"pain":3,"note":"\ud800"}""", "invalid-text")]
    [InlineData("""{"pain":3,"\udc00":1}""", "invalid-text")]
    [InlineData("[3]", "malformed-json")]
    [InlineData("{\"pain\":3", "malformed-json")]
    public void What_is_not_strict_JSON_or_not_an_object_is_refused_before_binding(string json, string code) =>
        Assert.Equal(code, Bind<SurveyAnswersRequest>(json).Why!.Code);

    [Fact]
    public void Names_match_ignoring_case_and_fields_nobody_asked_for_are_passed_over()
    {
        var (body, why) = Bind<SurveyAnswersRequest>("""{"PAIN":3,"comment":"fine"}""");

        Assert.Null(why);
        Assert.Equal(3, body!.Pain);
    }
}
