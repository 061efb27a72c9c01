using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace Outcomes.Functions.Tests;

/// <summary>The local host's dead-letter storage queues, written and read the way the local host does.</summary>
internal static class DeadLetterQueue
{
    public static async Task<QueueClient> QueueAsync(this OutcomesApp app, string name)
    {
        var queue = new QueueClient(app.StorageConnection, name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>An envelope the local host moved to <c>{queue}-deadletter</c> after <paramref name="deliveries"/> failed deliveries.</summary>
    public static async Task<string> DeadLetterAsync(this OutcomesApp app, string queue, string body, int deliveries = 3, string? messageId = null)
    {
        messageId ??= Guid.NewGuid().ToString("N");
        var envelope = new JsonObject
        {
            ["MessageId"] = messageId,
            ["ContentType"] = "application/json",
            ["CorrelationId"] = null,
            ["Subject"] = null,
            ["EnqueuedTimeUtc"] = "2026-03-01T08:15:00+00:00",
            ["ApplicationProperties"] = new JsonObject(),
            ["Body"] = body,
            ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
            ["DeadLetterErrorDescription"] = "Handler answered 400: the queue message cannot be processed.",
            ["DeliveryCount"] = deliveries,
        };
        await (await app.QueueAsync(queue + "-deadletter")).SendMessageAsync(envelope.ToJsonString(), timeToLive: TimeSpan.FromSeconds(-1));
        return messageId;
    }

    /// <summary>The messages waiting on a queue, as JSON, without taking them.</summary>
    public static async Task<List<JsonObject>> PeekAsync(this OutcomesApp app, string queue) =>
        (await (await app.QueueAsync(queue)).PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.MessageText)!.AsObject()).ToList();
}
