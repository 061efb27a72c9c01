using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Storage.Tables;

/// <summary>
/// One stored response. PartitionKey is the survey link's reference (a hash, never the link itself), RowKey the
/// queue message id: a redelivered message maps to the same row, so inserting it again fails instead of duplicating.
/// </summary>
internal sealed class SurveyResponseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public Guid ResponseId { get; set; }
    public int Pain { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    public static SurveyResponseEntity From(ReceivedSurveyResponse r) => new()
    {
        PartitionKey = r.SurveyLink,
        RowKey = r.MessageId,
        ResponseId = r.ResponseId,
        Pain = r.Answers.Pain.Value,
        SubmittedAt = r.SubmittedAt,
    };

    public ReceivedSurveyResponse ToDomain() =>
        new(RowKey, PartitionKey, ResponseId, new SurveyAnswers(PainScore.From(Pain)), SubmittedAt);
}
