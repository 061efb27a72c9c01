using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>The report's tallies in table <c>OutcomeTallies</c>, laid out as <see cref="OutcomeTallyRows"/> says.</summary>
internal sealed class TableOutcomeTallies(OutcomesTables tables) : IOutcomeTallies
{
    private const int ParallelReads = 8;

    public Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, cell, marker, c => change(c.Cohort), ct);

    public Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, cell, marker, c =>
        {
            if (!c.TimePoints.TryGetValue(timePoint.Code, out var tally))
                ((Dictionary<string, TimePointTally>)c.TimePoints)[timePoint.Code] = tally = new TimePointTally();
            change(tally);
        }, ct);

    private async Task<bool> CountOnceAsync(string clinicId, TallyCell cell, string marker, Action<CellTallies> change, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(marker))
            throw new ArgumentException($"A tally marker is a table key: letters, digits, '-' and '_' ('{marker}').", nameof(marker));
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

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, OutcomeTallyRows.Marker(clinicId, marker)),
                month.HasValue ? new(TableTransactionActionType.UpdateReplace, row, row.ETag) : new(TableTransactionActionType.Add, row),
            };
            if (!month.HasValue)
                actions.Add(await IndexWithAsync(table, clinicId, cell.MonthCode, ct));
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409)
            {
                return false;   // counted before
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is 1 or 2 && e.Status is 409 or 412)
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
