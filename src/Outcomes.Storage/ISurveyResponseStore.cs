using Outcomes.Domain.Responses;

namespace Outcomes.Storage;

/// <summary>A survey response as it arrived from the queue, keyed by the queue message that carried it.</summary>
public sealed record ReceivedSurveyResponse(
    string MessageId, string SurveyLink, Guid ResponseId, SurveyAnswers Answers, DateTimeOffset SubmittedAt);

public enum StoreOutcome { Stored, AlreadyStored }

/// <summary>Where survey responses are kept. Storing the same message twice keeps one copy.</summary>
public interface ISurveyResponseStore
{
    Task<StoreOutcome> AddAsync(ReceivedSurveyResponse response, CancellationToken ct);

    Task<ReceivedSurveyResponse?> FindAsync(string surveyLink, string messageId, CancellationToken ct);
}
