using Azure;

namespace Outcomes.Storage.Tables;

internal sealed class TableStorageProbe(OutcomesTables tables) : IStorageProbe
{
    public async Task<string?> WhyUnreachableAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var _ in tables.Service.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1))
                break;
            return null;
        }
        catch (RequestFailedException e)
        {
            return $"Table Storage answered {e.Status} ({e.ErrorCode}).";
        }
        catch (Exception e) when (e is HttpRequestException or AggregateException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return "Table Storage could not be reached.";
        }
    }
}
