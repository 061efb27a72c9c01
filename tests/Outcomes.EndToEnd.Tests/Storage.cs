using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Outcomes.EndToEnd.Tests;

/// <summary>Looks into Azurite the way an operator would with Storage Explorer.</summary>
internal static class Storage
{
    public static QueueClient Queue(this LocalHostProcess host, string name) =>
        new(host.StorageConnectionString, name);

    /// <summary>
    /// Puts a Service Bus message on the local host's Azurite-backed queue: the envelope the local host documents
    /// (MessageId, ContentType, EnqueuedTimeUtc, ApplicationProperties, Body), as another sender's message would arrive.
    /// </summary>
    public static async Task SendServiceBusMessageAsync(this LocalHostProcess host, string queue, string messageId, string body)
    {
        var client = host.Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(JsonSerializer.Serialize(new
        {
            MessageId = messageId, ContentType = "application/json", CorrelationId = (string?)null, Subject = (string?)null,
            EnqueuedTimeUtc = DateTimeOffset.UtcNow, ApplicationProperties = new Dictionary<string, object>(), Body = body,
        }));
    }

    public static async Task<List<JsonObject>> PeekEnvelopesAsync(this LocalHostProcess host, string queue)
    {
        var client = host.Queue(queue);
        if (!await client.ExistsAsync()) return [];
        var peeked = await client.PeekMessagesAsync(maxMessages: 32);
        return peeked.Value.Select(m => JsonNode.Parse(m.Body.ToString())!.AsObject()).ToList();
    }

    /// <summary>Messages on a queue, those a listener holds invisible included (Azure Queues' approximate count).</summary>
    public static async Task<int> MessagesOnQueueAsync(this LocalHostProcess host, string queue)
    {
        var client = host.Queue(queue);
        return await client.ExistsAsync() ? (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }

    /// <summary>The answer rows of a procedure: one per answered follow-up, beside it in the procedure's partition.</summary>
    public static async Task<List<TableEntity>> AnswerRowsAsync(this LocalHostProcess host, string procedureId)
    {
        var table = new TableClient(host.StorageConnectionString, "Procedures");
        try
        {
            var (after, before) = Outcomes.Storage.Tables.ProcedureRows.Range(procedureId, Outcomes.Storage.Tables.ProcedureRows.ResponseKind);
            return await table.QueryAsync<TableEntity>(e => e.PartitionKey == procedureId
                && e.RowKey.CompareTo(after) > 0 && e.RowKey.CompareTo(before) < 0).ToListAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>No invocation of the function is running: as many "Executed" lines as "Executing" ones.</summary>
    public static bool Quiet(LocalHostProcess host, string function)
    {
        var lines = host.Lines;
        return lines.Count(l => l.Contains($"Executing 'Functions.{function}'", StringComparison.Ordinal))
            == lines.Count(l => l.Contains($"Executed 'Functions.{function}'", StringComparison.Ordinal));
    }

    /// <summary>Polls until the condition holds, or fails with what was last seen.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan within, string what)
    {
        var until = DateTime.UtcNow + within;
        T last;
        do
        {
            last = await read();
            if (holds(last)) return last;
            await Task.Delay(200);
        } while (DateTime.UtcNow < until);
        throw new TimeoutException($"Not within {within}: {what}. Last seen: {JsonSerializer.Serialize(last)}");
    }
}
