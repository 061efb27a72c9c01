using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>The report's tallies in table <c>OutcomeTallies</c>, laid out as <see cref="OutcomeTallyRows"/> says.</summary>
internal sealed class TableOutcomeTallies(OutcomesTables tables) : IOutcomeTallies
{
    private const int ParallelReads = 8;

    public async Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct) =>
        await CountOnceAsync(clinicId, cell, marker, after: null, c => change(c.Cohort), ct) == TallyCount.Counted;

    public async Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct) =>
        await CountOnceAsync(clinicId, cell, marker, after: null, TimePointChange(timePoint, change), ct) == TallyCount.Counted;

    public Task<TallyCount> CountTimePointAfterAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, string after,
        Action<TimePointTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, cell, marker, after, TimePointChange(timePoint, change), ct);

    private static Action<CellTallies> TimePointChange(TimePoint timePoint, Action<TimePointTally> change) => c =>
    {
        if (!c.TimePoints.TryGetValue(timePoint.Code, out var tally))
            ((Dictionary<string, TimePointTally>)c.TimePoints)[timePoint.Code] = tally = new TimePointTally();
        change(tally);
    };

    private async Task<TallyCount> CountOnceAsync(string clinicId, TallyCell cell, string marker, string? after, Action<CellTallies> change, CancellationToken ct)
    {
        foreach (var key in after is null ? [marker] : new[] { marker, after })
            if (!TableKeys.IsSafe(key))
                throw new ArgumentException($"A tally marker is a table key: letters, digits, '-' and '_' ('{key}').", nameof(marker));
        var table = await tables.OutcomeTalliesAsync(ct);
        var property = OutcomeTallyRows.CellProperty(cell);
        while (true)
        {
            var month = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, OutcomeTallyRows.MonthRow(cell), cancellationToken: ct);
            var row = month.HasValue ? month.Value! : new TableEntity(clinicId, OutcomeTallyRows.MonthRow(cell));
            var tallies = OutcomeTallyRows.ReadCell(clinicId, cell, row.GetString(property));
            tallies = tallies with { TimePoints = new Dictionary<string, TimePointTally>(tallies.TimePoints) };
            change(tallies);
            row[property] = OutcomeTallyRows.Write(tallies);

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, OutcomeTallyRows.Marker(clinicId, marker)) };
            if (after is not null)   // touching a marker row that is not there fails the transaction: "not counted yet"
                actions.Add(new(TableTransactionActionType.UpdateMerge, OutcomeTallyRows.Marker(clinicId, after), Azure.ETag.All));
            var rowsFrom = actions.Count;
            actions.Add(month.HasValue ? new(TableTransactionActionType.UpdateReplace, row, row.ETag) : new(TableTransactionActionType.Add, row));
            if (!month.HasValue)
                actions.Add(await IndexWithAsync(table, clinicId, cell.MonthCode, ct));
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return TallyCount.Counted;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
            {
                return TallyCount.CountedBefore;
            }
            catch (TableTransactionFailedException e) when (after is not null && e.FailedTransactionActionIndex == 1 && e.Status == 404)
            {
                return TallyCount.NotAfter;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex >= rowsFrom && e.Status is 409 or 412)
            {
                // Another writer changed (or created) the month or the index since they were read: read again, apply again.
            }
        }
    }

    /// <summary>The index row naming one more month: added if new, else replaced at the version read.</summary>
    private static async Task<TableTransactionAction> IndexWithAsync(TableClient table, string clinicId, string month, CancellationToken ct)
    {
        var index = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, OutcomeTallyRows.IndexRow, cancellationToken: ct);
        if (!index.HasValue)
            return new(TableTransactionActionType.Add, OutcomeTallyRows.Index(clinicId, [month]));
        var updated = OutcomeTallyRows.Index(clinicId, OutcomeTallyRows.MonthsOf(index.Value!).Append(month));
        return new(TableTransactionActionType.UpdateReplace, updated, index.Value!.ETag);
    }

    public async Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct)
    {
        var table = await tables.OutcomeTalliesAsync(ct);
        var from = fromMonth?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var to = toMonth?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var keys = new List<(string Clinic, string Month)>();
        foreach (var clinicId in clinicIds.Where(TableKeys.IsSafe).Distinct())
        {
            var index = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, OutcomeTallyRows.IndexRow, cancellationToken: ct);
            if (!index.HasValue) continue;
            keys.AddRange(OutcomeTallyRows.MonthsOf(index.Value!)
                .Where(m => (from is null || string.CompareOrdinal(m, from) >= 0) && (to is null || string.CompareOrdinal(m, to) <= 0))
                .Select(m => (clinicId, m)));
        }
        var rows = new TableEntity?[keys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (i, token) =>
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(keys[i].Clinic, keys[i].Month, cancellationToken: token);
                rows[i] = row.HasValue ? row.Value : null;
            });
        return rows.OfType<TableEntity>().SelectMany(OutcomeTallyRows.Read).ToList();
    }
}
