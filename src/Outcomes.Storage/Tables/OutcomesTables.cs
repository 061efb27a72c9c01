using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>The app's tables, each created once per process on first use.</summary>
internal sealed class OutcomesTables(TableServiceClient service, string prefix)
{
    public const string SurveyResponsesName = "SurveyResponses";

    private readonly Lazy<Task<TableClient>> surveyResponses = new(async () =>
    {
        var table = service.GetTableClient(prefix + SurveyResponsesName);
        await table.CreateIfNotExistsAsync();
        return table;
    });

    public TableServiceClient Service => service;

    public async Task<TableClient> SurveyResponsesAsync(CancellationToken ct) =>
        await surveyResponses.Value.WaitAsync(ct);
}
