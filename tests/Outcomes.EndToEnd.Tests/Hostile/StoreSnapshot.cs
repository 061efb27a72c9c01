using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Outcomes.EndToEnd.Tests.Hostile;

/// <summary>
/// Everything a request could have left behind: every row of every table (with its ETag, so a changed row counts too),
/// the messages on every queue, the outbox, and how many queue-triggered invocations the local host has run.
/// </summary>
internal sealed record StoreSnapshot(
    IReadOnlyDictionary<string, string> Rows, IReadOnlyDictionary<string, int> Queues, IReadOnlySet<string> Outbox, int QueueInvocations)
{
    private static readonly string[] QueueFunctions = ["RecordSurveyResponse", "DeliverSurveyInvitation"];

    public static async Task<StoreSnapshot> TakeAsync(LocalHostProcess host)
    {
        var rows = new Dictionary<string, string>();
        var tables = new TableServiceClient(host.StorageConnectionString);
        await foreach (var table in tables.QueryAsync())
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows[$"{table.Name} {row.PartitionKey} {row.RowKey}"] = row.ETag.ToString();

        var queues = new Dictionary<string, int>();
        var service = new QueueServiceClient(host.StorageConnectionString);
        await foreach (var queue in service.GetQueuesAsync())
            queues[queue.Name] = (await service.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;

        var outbox = Directory.Exists(host.OutboxFolder) ? Directory.GetFiles(host.OutboxFolder).Select(Path.GetFileName).ToHashSet()! : [];
        return new StoreSnapshot(rows, queues, outbox!, InvocationsOf(host, "Executing"));
    }

    /// <summary>Waits until no queue holds a message and every queue-triggered invocation that started has ended.</summary>
    public static Task QuietAsync(LocalHostProcess host) => Storage.EventuallyAsync(async () =>
        {
            var service = new QueueServiceClient(host.StorageConnectionString);
            var waiting = 0;
            await foreach (var queue in service.GetQueuesAsync())
                if (!queue.Name.EndsWith("-deadletter", StringComparison.Ordinal))
                    waiting += (await service.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            return (Waiting: waiting, Running: InvocationsOf(host, "Executing") - InvocationsOf(host, "Executed"));
        }, quiet => quiet is { Waiting: 0, Running: 0 }, HostileHost.WaitLimit, "queues empty and no queue-triggered invocation running");

    /// <summary>What is new, gone or changed since <paramref name="before"/>, one line each.</summary>
    public IReadOnlyList<string> ChangesSince(StoreSnapshot before)
    {
        var changes = new List<string>();
        changes.AddRange(Rows.Keys.Except(before.Rows.Keys).Order().Select(row => $"row added: {row}"));
        changes.AddRange(before.Rows.Keys.Except(Rows.Keys).Order().Select(row => $"row removed: {row}"));
        changes.AddRange(Rows.Where(r => before.Rows.TryGetValue(r.Key, out var etag) && etag != r.Value).Select(r => $"row changed: {r.Key}").Order());
        changes.AddRange(Queues.Where(q => q.Value != before.Queues.GetValueOrDefault(q.Key)).Select(q => $"queue '{q.Key}': {before.Queues.GetValueOrDefault(q.Key)} → {q.Value} messages"));
        changes.AddRange(Outbox.Except(before.Outbox).Order().Select(file => $"outbox: {file}"));
        if (QueueInvocations != before.QueueInvocations)
            changes.Add($"{QueueInvocations - before.QueueInvocations} queue-triggered invocations ran: something was queued");
        return changes;
    }

    private static int InvocationsOf(LocalHostProcess host, string verb) =>
        host.Lines.Count(l => QueueFunctions.Any(f => l.Contains($"{verb} 'Functions.{f}'", StringComparison.Ordinal)));
}
