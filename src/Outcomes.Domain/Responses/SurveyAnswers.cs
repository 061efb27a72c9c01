using System.Text.Json;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Responses;

/// <summary>What a patient answered on one follow-up survey.</summary>
public sealed record SurveyAnswers(PainScore Pain)
{
    public const string PainField = "pain";

    /// <summary>Reads answers from a JSON object, or says which field is wrong and why.</summary>
    public static (SurveyAnswers? Answers, Rejection? Why) Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return (null, new Rejection("not-an-object", "The answers must be a JSON object.", $"Got a JSON {json.ValueKind.ToString().ToLowerInvariant()}."));
        if (!json.TryGetProperty(PainField, out var pain) || pain.ValueKind == JsonValueKind.Null)
            return (null, Rejection.Missing(PainField));
        if (pain.ValueKind != JsonValueKind.Number || !pain.TryGetInt32(out var score))
            return (null, Rejection.Invalid(PainField, $"Pain is a whole number from {PainScore.Min} to {PainScore.Max}."));
        if (score is < PainScore.Min or > PainScore.Max)
            return (null, Rejection.Invalid(PainField, $"Pain is scored {PainScore.Min}–{PainScore.Max}; got {score}."));
        return (new SurveyAnswers(PainScore.From(score)), null);
    }
}
