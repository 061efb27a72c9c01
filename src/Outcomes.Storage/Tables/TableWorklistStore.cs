using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.Worklist;

namespace Outcomes.Storage.Tables;

internal sealed class TableWorklistStore(OutcomesTables tables) : IWorklistStore
{
    public async Task<bool> RaiseAsync(string clinicId, RaisedFlag flag, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return false;
        var table = await tables.WorklistAsync(ct);
        var open = WorklistEntity.Open(clinicId, flag);
        try
        {
            await table.AddEntityAsync(open, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Raised before (a redelivered answer): it stays as it was.
        }
        // The open row first, then the handled mark checked: marking handled writes its mark before taking the open
        // row away, so whichever comes second sees the other, and a handled flag never stays open.
        if (!(await table.GetEntityIfExistsAsync<WorklistEntity>(clinicId, WorklistEntity.HandledPrefix + flag.Flag.Id.Value, [nameof(ITableEntity.RowKey)], ct)).HasValue)
            return true;
        await table.DeleteEntityAsync(clinicId, open.RowKey, ETag.All, ct);
        return false;
    }

    public async Task<bool> ClaimAlertAsync(string clinicId, WorklistItemId id, string messageId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return false;
        var table = await tables.WorklistAsync(ct);
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<WorklistEntity>(clinicId, WorklistEntity.OpenPrefix + id.Value, cancellationToken: ct);
            if (!row.HasValue)
                return false;   // handled meanwhile: nobody needs telling
            if (row.Value!.AlertMessageId is { } claimed)
                return claimed == messageId;
            row.Value.AlertMessageId = messageId;
            try
            {
                await table.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Claimed or handled meanwhile: read again.
            }
        }
    }

    public async Task<bool> IsOpenAsync(string clinicId, WorklistItemId id, CancellationToken ct) =>
        TableKeys.IsSafe(clinicId) && (await (await tables.WorklistAsync(ct)).GetEntityIfExistsAsync<WorklistEntity>(
            clinicId, WorklistEntity.OpenPrefix + id.Value, [nameof(ITableEntity.RowKey)], ct)).HasValue;

    public async Task<IReadOnlyList<RaisedFlag>> OpenFlagsAsync(string clinicId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return [];
        var table = await tables.WorklistAsync(ct);
        const string first = WorklistEntity.OpenPrefix, last = WorklistEntity.OpenPrefix + "~";
        return await table.QueryAsync<WorklistEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey gt {first} and RowKey lt {last}"), cancellationToken: ct)
            .Select(e => e.ToFlag()).OfType<RaisedFlag>().ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<WorklistItemId, HandledMark>> HandledAsync(string clinicId, IEnumerable<WorklistItemId> ids, CancellationToken ct)
    {
        var marks = new Dictionary<WorklistItemId, HandledMark>();
        if (!TableKeys.IsSafe(clinicId))
            return marks;
        var table = await tables.WorklistAsync(ct);
        foreach (var id in ids.Distinct())
        {
            var row = await table.GetEntityIfExistsAsync<WorklistEntity>(clinicId, WorklistEntity.HandledPrefix + id.Value, cancellationToken: ct);
            if (row.HasValue && row.Value!.HandledBy is { } by && row.Value.HandledAt is { } at)
                marks[id] = new HandledMark(by, at);
        }
        return marks;
    }

    public async Task<bool> MarkHandledAsync(string clinicId, WorklistItemId id, HandledMark mark, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return false;
        var table = await tables.WorklistAsync(ct);
        bool first;
        try
        {
            await table.AddEntityAsync(WorklistEntity.Handled(clinicId, id, mark), ct);
            first = true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            first = false;
        }
        await table.DeleteEntityAsync(clinicId, WorklistEntity.OpenPrefix + id.Value, ETag.All, ct);   // not open (a calendar item, or gone): fine
        return first;
    }
}
