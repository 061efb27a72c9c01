using System.Text.Json.Nodes;
using Outcomes.Domain.Benchmarks;

namespace Outcomes.Domain.Tests.Benchmarks;

/// <summary>The shipped file with one field broken is refused, the message naming the study and the field.</summary>
public class MalformedBenchmarksTests
{
    private static MalformedBenchmarksException Refused(Action<JsonObject> breakIt)
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedBenchmarks.FilePath))!.AsObject();
        breakIt(root);
        return Assert.Throws<MalformedBenchmarksException>(() => ShippedBenchmarks.Parse(root.ToJsonString()));
    }

    private static JsonObject Tan(JsonObject root) => root["studies"]![0]!.AsObject();

    [Theory]
    [InlineData("citation", "studies[0] (tan2015).citation: is missing.")]
    [InlineData("source_url", "studies[0] (tan2015).source_url: is missing.")]
    [InlineData("quote", "studies[0] (tan2015).quote: is missing.")]
    [InlineData("procedure", "studies[0] (tan2015).procedure: is missing.")]
    [InlineData("outcomes", "studies[0] (tan2015).outcomes: is missing.")]
    public void A_study_without_a_required_field_is_refused_naming_it(string field, string problem)
    {
        var refused = Refused(root => Tan(root).Remove(field));

        Assert.Equal([problem], refused.Problems);
        Assert.Contains(problem, refused.Message);
    }

    [Fact]
    public void A_study_without_an_id_is_named_by_its_position()
    {
        Assert.Equal(["studies[0].id: is missing."], Refused(root => Tan(root).Remove("id")).Problems);
    }

    [Theory]
    [InlineData("value", "\"high\"", "studies[0] (tan2015).outcomes[2].value: must be a number or null; got \"high\".")]
    [InlineData("ci95", "[5, 4]", "studies[0] (tan2015).outcomes[2].ci95: must be [low, high], two numbers with low <= high; got [5,4].")]
    [InlineData("timePoint", "\"18m\"", "studies[0] (tan2015).outcomes[2].timePoint: '18m' is not one of 'timePoints' (baseline, 1w, 2w, 1m, 3m, 6m, 12m, pooled).")]
    [InlineData("procedure", "\"kyphoplasty\"", "studies[0] (tan2015).outcomes[2].procedure: 'kyphoplasty' is not among the study's procedures.")]
    [InlineData("n", "-3", "studies[0] (tan2015).outcomes[2].n: must be a whole number, 0 or more, or null; got -3.")]
    [InlineData("low", "2", "studies[0] (tan2015).outcomes[2].high: is missing: give low and high together.")]
    public void A_wrong_figure_field_is_refused_naming_study_figure_and_field(string field, string json, string problem)
    {
        Assert.Equal([problem], Refused(root => Tan(root)["outcomes"]![2]!.AsObject()[field] = JsonNode.Parse(json)).Problems);
    }

    [Fact]
    public void A_measure_the_file_does_not_describe_is_refused()
    {
        var problem = Assert.Single(Refused(root => Tan(root)["outcomes"]![0]!["measure"] = "pain_median").Problems);

        Assert.StartsWith("studies[0] (tan2015).outcomes[0].measure: 'pain_median' is not described in 'measures'", problem);
    }

    [Fact]
    public void A_numerator_above_its_denominator_is_refused()
    {
        Assert.Equal(["studies[0] (tan2015).outcomes[1].numerator: 63 is more than the denominator 62."],
            Refused(root => Tan(root)["outcomes"]![1]!["numerator"] = 63).Problems);
    }

    [Fact]
    public void A_source_url_that_is_not_a_web_address_is_refused()
    {
        Assert.Equal(["studies[0] (tan2015).source_url: must be an absolute http(s) URL; got 'hindawi prm 2015'."],
            Refused(root => Tan(root)["source_url"] = "hindawi prm 2015").Problems);
    }

    [Fact]
    public void Two_studies_with_one_id_are_refused()
    {
        Assert.Equal(["studies[1] (tan2015).id: is used by an earlier study too."],
            Refused(root => root["studies"]![1]!["id"] = "tan2015").Problems);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var refused = Refused(root =>
        {
            Tan(root).Remove("citation");
            root["studies"]![2]!["procedure"] = "sham";
        });

        Assert.Equal(["studies[0] (tan2015).citation: is missing.",
            "studies[2] (vertos5-2023).procedure: 'sham' is not a procedure; use vertebroplasty, kyphoplasty or both."], refused.Problems);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_saying_where()
    {
        var refused = Assert.Throws<MalformedBenchmarksException>(() => ShippedBenchmarks.Parse("{ \"studies\": [ }"));

        Assert.StartsWith("It is not JSON (line 1", Assert.Single(refused.Problems));
    }

    [Fact]
    public void A_file_without_studies_is_refused()
    {
        Assert.Equal(["studies: is missing."], Assert.Throws<MalformedBenchmarksException>(() => ShippedBenchmarks.Parse("{}")).Problems);
    }
}
