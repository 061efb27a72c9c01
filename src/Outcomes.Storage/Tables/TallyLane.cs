using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>One change to a clinic's tallies, waiting for the transaction that writes it with its marker.</summary>
internal sealed class PendingTally(TallyCell cell, string marker, string? after, Action<CellTallies> apply)
{
    public TallyCell Cell => cell;
    public string Marker => marker;
    public string? After => after;
    public Action<CellTallies> Apply => apply;
    public TaskCompletionSource<TallyCount> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// One clinic's partition of table <c>OutcomeTallies</c> as this process writes it: one transaction at a time, holding
/// every change waiting when it starts (each with its marker, so none is counted twice), and the month rows it wrote kept
/// with their versions, so the next transaction reads nothing unless another instance wrote since (then its version
/// fails, the row is read again and the changes applied again). A change starts a transaction at once when none is
/// under way; one that comes while a transaction is under way goes into the next, with every other that came meanwhile
/// (group commit: no change waits for others, yet under load one transaction carries many).
/// </summary>
internal sealed class TallyLane(Func<Task<TableClient>> tableAsync, string clinicId)
{
    /// <summary>Two actions per change at most, plus month rows and the index: within a transaction's 100.</summary>
    private const int MaxChanges = 30;
    private const int MaxAttempts = 8;

    private readonly Lock gate = new();
    private readonly List<PendingTally> waiting = [];
    private readonly List<PendingTally> writing = [];
    private Task? draining;

    // Touched by the one drain running at a time only.
    private readonly Dictionary<string, TableEntity?> monthRows = [];   // null: known not to exist yet
    private (bool Known, TableEntity? Row) index;

    public Task<TallyCount> Add(PendingTally change)
    {
        lock (gate)
        {
            waiting.Add(change);
            draining ??= Task.Run(DrainAsync);
        }
        return change.Done.Task;
    }

    /// <summary>Completes when every change added before the call is written (or has failed).</summary>
    public Task FlushAsync()
    {
        List<Task> changes;
        lock (gate)
            changes = waiting.Concat(writing).Select(c => (Task)c.Done.Task).ToList();
        return Task.WhenAll(changes).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    draining = null;
                    return;
                }
                writing.AddRange(TakeGroup());
            }
            await WriteAsync(writing);
            lock (gate)
                writing.Clear();
        }
    }

    /// <summary>Waiting changes in order, leaving for the next transaction one that touches a marker already in this one.</summary>
    private List<PendingTally> TakeGroup()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var group = new List<PendingTally>();
        foreach (var change in waiting)
        {
            if (group.Count == MaxChanges) break;
            if (keys.Contains(change.Marker) || change.After is { } after && keys.Contains(after)) continue;
            keys.Add(change.Marker);
            if (change.After is { } a) keys.Add(a);
            group.Add(change);
        }
        waiting.RemoveAll(group.Contains);
        return group;
    }

    private async Task WriteAsync(List<PendingTally> group)
    {
        var pending = group.ToList();
        for (var failures = 0; pending.Count > 0; )
        {
            try
            {
                var table = await tableAsync();
                var (actions, rows) = await TransactionAsync(table, pending);
                var results = await table.SubmitTransactionAsync(actions);
                foreach (var (row, at) in rows)
                    Remember(row, actions[at].Entity, results.Value[at].Headers.ETag);
                foreach (var change in pending)
                    change.Done.TrySetResult(TallyCount.Counted);
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } failed && Owner(pending, failed) is var (change, isAfter)
                && (change is not null && (!isAfter && e.Status == 409 || isAfter && e.Status == 404) || change is null && e.Status is 409 or 412))
            {
                if (change is null)
                    Forget();   // another writer changed a month row or the index since this process read it: read again, apply again
                else
                    Settle(pending, change, isAfter ? TallyCount.NotAfter : TallyCount.CountedBefore);
            }
            catch (Exception e)
            {
                Forget();
                if (++failures < MaxAttempts && e is RequestFailedException { Status: >= 500 or 408 })
                    continue;
                foreach (var change in pending)
                    change.Done.TrySetException(e);
                return;
            }
        }
    }

    /// <summary>The change an action of the transaction belongs to, and whether it is that change's "after" check (none for rows).</summary>
    private static (PendingTally? Change, bool IsAfter) Owner(List<PendingTally> pending, int action)
    {
        var owners = pending.SelectMany(c => c.After is null ? [(c, false)] : new (PendingTally?, bool)[] { (c, false), (c, true) }).ToList();
        return action < owners.Count ? owners[action] : (null, false);
    }

    private static void Settle(List<PendingTally> pending, PendingTally change, TallyCount outcome)
    {
        pending.Remove(change);
        change.Done.TrySetResult(outcome);
    }

    /// <summary>The markers' actions in <see cref="Owner"/>'s order, then the month rows and the index (where each is in the list).</summary>
    private async Task<(List<TableTransactionAction> Actions, List<(string Row, int At)> Rows)> TransactionAsync(TableClient table, List<PendingTally> pending)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var change in pending)
        {
            actions.Add(new(TableTransactionActionType.Add, OutcomeTallyRows.Marker(clinicId, change.Marker)));
            if (change.After is { } after)   // touching a marker row that is not there fails the transaction: "not counted yet"
                actions.Add(new(TableTransactionActionType.UpdateMerge, OutcomeTallyRows.Marker(clinicId, after), ETag.All));
        }
        var rows = new List<(string Row, int At)>();
        var added = new List<string>();
        foreach (var month in pending.Select(c => c.Cell.MonthCode).Distinct())
        {
            var stored = await MonthRowAsync(table, month);
            var row = stored is null ? new TableEntity(clinicId, month) : new TableEntity(stored) { ETag = stored.ETag };
            foreach (var change in pending.Where(c => c.Cell.MonthCode == month))
            {
                var property = OutcomeTallyRows.CellProperty(change.Cell);
                var tallies = OutcomeTallyRows.ReadCell(clinicId, change.Cell, row.GetString(property));
                tallies = tallies with { TimePoints = new Dictionary<string, TimePointTally>(tallies.TimePoints) };
                change.Apply(tallies);
                row[property] = OutcomeTallyRows.Write(tallies);
            }
            rows.Add((month, actions.Count));
            actions.Add(stored is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, row.ETag));
            if (stored is null)
                added.Add(month);
        }
        if (added.Count > 0)
        {
            var current = await IndexAsync(table);
            var months = current is null ? added : OutcomeTallyRows.MonthsOf(current).Concat(added);
            rows.Add((OutcomeTallyRows.IndexRow, actions.Count));
            actions.Add(current is null
                ? new(TableTransactionActionType.Add, OutcomeTallyRows.Index(clinicId, months))
                : new(TableTransactionActionType.UpdateReplace, OutcomeTallyRows.Index(clinicId, months), current.ETag));
        }
        return (actions, rows);
    }

    private async Task<TableEntity?> MonthRowAsync(TableClient table, string month)
    {
        if (!monthRows.TryGetValue(month, out var row))
            monthRows[month] = row = (await table.GetEntityIfExistsAsync<TableEntity>(clinicId, month)) is { HasValue: true } found ? found.Value : null;
        return row;
    }

    private async Task<TableEntity?> IndexAsync(TableClient table)
    {
        if (!index.Known)
            index = (true, (await table.GetEntityIfExistsAsync<TableEntity>(clinicId, OutcomeTallyRows.IndexRow)) is { HasValue: true } found ? found.Value : null);
        return index.Row;
    }

    /// <summary>A row as this transaction wrote it, with its new version; without one, read again next time.</summary>
    private void Remember(string rowKey, ITableEntity written, ETag? version)
    {
        var row = version is { } v ? new TableEntity((TableEntity)written) { ETag = v } : null;
        if (rowKey == OutcomeTallyRows.IndexRow)
            index = row is null ? default : (true, row);
        else if (row is null)
            monthRows.Remove(rowKey);
        else
            monthRows[rowKey] = row;
    }

    private void Forget()
    {
        monthRows.Clear();
        index = default;
    }
}
