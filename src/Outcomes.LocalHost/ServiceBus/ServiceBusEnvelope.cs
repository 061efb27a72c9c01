using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>
/// A Service Bus message as the local host keeps it in an Azurite queue: the queue message text (plain, the QueueClient's
/// default encoding) is this record as JSON, for example
/// <code>
/// {"MessageId":"3f2b…(Guid "N")","ContentType":"application/json","CorrelationId":null,"Subject":null,
///  "EnqueuedTimeUtc":"2026-03-01T10:00:00.0000000+00:00","ApplicationProperties":{},"Body":"{\"token\":\"…\"}"}
/// </code>
/// <c>Body</c> is the message text. DeliveryCount is not stored: it is the queue message's DequeueCount. A message moved to
/// <c>{queue}-deadletter</c> also carries <c>DeadLetterReason</c>, <c>DeadLetterErrorDescription</c> and <c>DeliveryCount</c>; the handler's dead-letter
/// admin reads them there and replays the envelope without them.
/// End-to-end tests write such envelopes into the queue directly, so this shape is a contract.
/// </summary>
public sealed record ServiceBusEnvelope(
    string MessageId,
    string? ContentType,
    string? CorrelationId,
    string? Subject,
    DateTimeOffset EnqueuedTimeUtc,
    IReadOnlyDictionary<string, JsonElement>? ApplicationProperties,
    string Body)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeadLetterReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeadLetterErrorDescription { get; init; }

    /// <summary>The deliveries made before it was dead-lettered (the handler's dead-letter listing shows it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DeliveryCount { get; init; }

    public static ServiceBusEnvelope Create(string body, string? contentType, DateTimeOffset enqueuedTimeUtc) =>
        new(Guid.NewGuid().ToString("N"), contentType, null, null, enqueuedTimeUtc, new Dictionary<string, JsonElement>(), body);

    public string ToQueueText() => JsonSerializer.Serialize(this);

    /// <summary>The envelope in a queue message's text, or null when the text is not one.</summary>
    public static ServiceBusEnvelope? TryRead(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ServiceBusEnvelope>(text) is { MessageId: not null, Body: not null } envelope ? envelope : null;
        }
        catch (JsonException) { return null; }
    }
}
