using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

internal sealed class TableOutcomeTallies(OutcomesTables tables) : IOutcomeTallies
{
    public Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, $"{cell.Code}_{TallyEntity.CohortPart}", marker, change, ct);

    public Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, $"{cell.Code}_{timePoint.Code}", marker, change, ct);

    private async Task<bool> CountOnceAsync<T>(string clinicId, string rowKey, string marker, Action<T> change, CancellationToken ct) where T : new()
    {
        if (!TableKeys.IsSafe(marker))
            throw new ArgumentException($"A tally marker is a table key: letters, digits, '-' and '_' ('{marker}').", nameof(marker));
        var table = await tables.OutcomeTalliesAsync(ct);
        while (true)
        {
            var existing = await table.GetEntityIfExistsAsync<TallyEntity>(clinicId, rowKey, cancellationToken: ct);
            var tally = existing.HasValue ? JsonSerializer.Deserialize<T>(existing.Value!.Tally)! : new T();
            change(tally);
            var row = new TallyEntity { PartitionKey = clinicId, RowKey = rowKey, Tally = JsonSerializer.Serialize(tally) };
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, new TallyMarkerEntity { PartitionKey = clinicId, RowKey = TallyMarkerEntity.Prefix + marker }),
                existing.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, row, existing.Value!.ETag)
                    : new(TableTransactionActionType.Add, row),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
            {
                return false;   // counted before
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status is 409 or 412)
            {
                // Another writer changed (or created) the row since it was read: read it again and apply the change to that.
            }
        }
    }

    public async Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct)
    {
        var table = await tables.OutcomeTalliesAsync(ct);
        var from = fromMonth is { } f ? f.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "0";
        var until = toMonth is { } t ? t.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture) : TallyMarkerEntity.Prefix;
        var cells = new List<CellTallies>();
        foreach (var clinicId in clinicIds.Where(TableKeys.IsSafe).Distinct())
        {
            var rows = await table.QueryAsync<TallyEntity>(e => e.PartitionKey == clinicId
                && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(until) < 0, cancellationToken: ct).ToListAsync(ct);
            foreach (var byCell in rows.GroupBy(r => r.RowKey[..r.RowKey.LastIndexOf('_')]))
            {
                if (!TallyCell.TryParse(byCell.Key, out var cell)) continue;
                var cohort = new CohortTally();
                var timePoints = new Dictionary<string, TimePointTally>();
                foreach (var row in byCell)
                {
                    var part = row.RowKey[(row.RowKey.LastIndexOf('_') + 1)..];
                    if (part == TallyEntity.CohortPart) cohort = JsonSerializer.Deserialize<CohortTally>(row.Tally)!;
                    else if (TimePoint.TryParse(part, out var timePoint)) timePoints[timePoint.Code] = JsonSerializer.Deserialize<TimePointTally>(row.Tally)!;
                }
                cells.Add(new CellTallies(clinicId, cell, cohort, timePoints));
            }
        }
        return cells;
    }
}
