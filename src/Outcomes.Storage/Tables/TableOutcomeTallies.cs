using System.Collections.Concurrent;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>
/// The report's tallies in table <c>OutcomeTallies</c>, laid out as <see cref="OutcomeTallyRows"/> says, each clinic's
/// written through its <see cref="TallyLane"/>.
/// </summary>
internal sealed class TableOutcomeTallies : IOutcomeTallies, IAsyncDisposable
{
    private const int ParallelReads = 8;

    private readonly OutcomesTables tables;
    private readonly ConcurrentDictionary<string, TallyLane> lanes = new(StringComparer.Ordinal);

    public TableOutcomeTallies(OutcomesTables tables) => this.tables = tables;

    public async Task<bool> CountCohortOnceAsync(string clinicId, TallyCell cell, string marker, Action<CohortTally> change, CancellationToken ct) =>
        await CountOnceAsync(clinicId, cell, marker, after: null, c => change(c.Cohort), ct) == TallyCount.Counted;

    public async Task<bool> CountTimePointOnceAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, Action<TimePointTally> change, CancellationToken ct) =>
        await CountOnceAsync(clinicId, cell, marker, after: null, TimePointChange(timePoint, change), ct) == TallyCount.Counted;

    public Task<TallyCount> CountTimePointAfterAsync(string clinicId, TallyCell cell, TimePoint timePoint, string marker, string after,
        Action<TimePointTally> change, CancellationToken ct) =>
        CountOnceAsync(clinicId, cell, marker, after, TimePointChange(timePoint, change), ct);

    public async Task CountPatientAsync(string clinicId, string patientRef, PatientCell procedure, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            throw new ArgumentException($"A clinic id is a table key: letters, digits, '-' and '_' ('{clinicId}').", nameof(clinicId));
        await FlushAsync([clinicId]).WaitAsync(ct);   // the procedure's own count first: it makes the month row
        await PatientTally.CountAsync(await tables.OutcomeTalliesAsync(ct), clinicId, patientRef, procedure, ct);
    }

    private static Action<CellTallies> TimePointChange(TimePoint timePoint, Action<TimePointTally> change) => c =>
    {
        if (!c.TimePoints.TryGetValue(timePoint.Code, out var tally))
            ((Dictionary<string, TimePointTally>)c.TimePoints)[timePoint.Code] = tally = new TimePointTally();
        change(tally);
    };

    /// <summary>Queued before it returns, so that a read that follows (in this process) waits for it.</summary>
    private Task<TallyCount> CountOnceAsync(string clinicId, TallyCell cell, string marker, string? after, Action<CellTallies> change, CancellationToken ct)
    {
        foreach (var key in after is null ? [clinicId, marker] : new[] { clinicId, marker, after })
            if (!TableKeys.IsSafe(key))
                throw new ArgumentException($"A clinic id and a tally marker are table keys: letters, digits, '-' and '_' ('{key}').", nameof(marker));
        var lane = lanes.GetOrAdd(clinicId, id => new TallyLane(() => tables.OutcomeTalliesAsync(CancellationToken.None), id));
        return lane.Add(new PendingTally(cell, marker, after, change)).WaitAsync(ct);
    }

    private Task FlushAsync(IEnumerable<string> clinicIds) =>
        Task.WhenAll(clinicIds.Select(id => lanes.TryGetValue(id, out var lane) ? lane.FlushAsync() : Task.CompletedTask));

    /// <summary>Writes what is still waiting before the process ends.</summary>
    public async ValueTask DisposeAsync() => await FlushAsync(lanes.Keys);

    public async Task<IReadOnlyList<CellTallies>> ReadAsync(IReadOnlyList<string> clinicIds, DateOnly? fromMonth, DateOnly? toMonth, CancellationToken ct)
    {
        await FlushAsync(clinicIds.Distinct()).WaitAsync(ct);
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
