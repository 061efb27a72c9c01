using System.Security.Cryptography;
using System.Text;
using Outcomes.Domain.Responses;
using System.Text.Json.Serialization;

namespace Outcomes.Functions;

/// <summary>
/// The message on the <c>survey-responses</c> queue. It names the survey link only by a one-way reference,
/// never the link's token itself.
/// </summary>
public sealed record SurveyResponseMessage(
    [property: JsonPropertyName("responseId")] Guid ResponseId,
    [property: JsonPropertyName("surveyLink")] string SurveyLink,
    [property: JsonPropertyName("answers")] SurveyResponseMessage.AnswersPart Answers,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt)
{
    public const string QueueName = "survey-responses";

    public sealed record AnswersPart([property: JsonPropertyName("pain")] int Pain)
    {
        public static AnswersPart From(SurveyAnswers answers) => new(answers.Pain.Value);
    }

    /// <summary>A stable reference to a survey link that cannot be turned back into the link.</summary>
    public static string ReferenceTo(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
