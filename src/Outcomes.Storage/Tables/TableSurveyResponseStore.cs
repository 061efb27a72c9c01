using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

internal sealed class TableSurveyResponseStore(OutcomesTables tables) : ISurveyResponseStore
{
    public async Task<StoreOutcome> AddAsync(ReceivedSurveyResponse response, CancellationToken ct)
    {
        var table = await tables.SurveyResponsesAsync(ct);
        try
        {
            await table.AddEntityAsync(SurveyResponseEntity.From(response), ct);
            return StoreOutcome.Stored;
        }
        catch (RequestFailedException e) when (e.Status == 409) // this message was stored by an earlier delivery
        {
            return StoreOutcome.AlreadyStored;
        }
    }

    public async Task<ReceivedSurveyResponse?> FindAsync(string surveyLink, string messageId, CancellationToken ct)
    {
        var table = await tables.SurveyResponsesAsync(ct);
        var row = await table.GetEntityIfExistsAsync<SurveyResponseEntity>(surveyLink, messageId, cancellationToken: ct);
        return row.HasValue ? row.Value!.ToDomain() : null;
    }
}
