using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>The invocation payload of a serviceBusTrigger function, and a one-off delivery for the admin route.</summary>
internal static class ServiceBusDelivery
{
    public const string AdminReason = "This function was programmatically called via the host APIs.";

    /// <summary>Data.{trigger}: the message text as a JSON string, as the custom handler docs show it.</summary>
    public static JsonObject Data(FunctionDefinition function, ServiceBusEnvelope envelope) => new() { [function.Trigger.Name] = envelope.Body };

    /// <summary>The trigger metadata the host passes for a Service Bus message, plus sys.</summary>
    public static JsonObject Metadata(FunctionDefinition function, ServiceBusEnvelope envelope, int deliveryCount, DateTimeOffset expiresAt, TimeProvider clock) => new()
    {
        ["MessageId"] = envelope.MessageId,
        ["DeliveryCount"] = deliveryCount,
        ["EnqueuedTimeUtc"] = envelope.EnqueuedTimeUtc.UtcDateTime,
        ["ExpiresAtUtc"] = expiresAt.UtcDateTime,
        ["ContentType"] = envelope.ContentType,
        ["CorrelationId"] = envelope.CorrelationId,
        ["Subject"] = envelope.Subject,
        ["ApplicationProperties"] = JsonSerializer.SerializeToNode(envelope.ApplicationProperties ?? new Dictionary<string, JsonElement>()),
        ["sys"] = SystemMetadata.For(function.Name, clock),
    };

    /// <summary>Data.{trigger} for a message received from a real namespace: its body as text.</summary>
    public static JsonObject Data(FunctionDefinition function, ServiceBusReceivedMessage message) => new() { [function.Trigger.Name] = message.Body.ToString() };

    /// <summary>The same trigger metadata for a message received from a real namespace, with its sequence number.</summary>
    public static JsonObject Metadata(FunctionDefinition function, ServiceBusReceivedMessage message, TimeProvider clock) => new()
    {
        ["MessageId"] = message.MessageId,
        ["DeliveryCount"] = message.DeliveryCount,
        ["EnqueuedTimeUtc"] = message.EnqueuedTime.UtcDateTime,
        ["ExpiresAtUtc"] = message.ExpiresAt.UtcDateTime,
        ["SequenceNumber"] = message.SequenceNumber,
        ["ContentType"] = message.ContentType,
        ["CorrelationId"] = message.CorrelationId,
        ["Subject"] = message.Subject,
        ["ApplicationProperties"] = JsonSerializer.SerializeToNode(message.ApplicationProperties),
        ["sys"] = SystemMetadata.For(function.Name, clock),
    };

    /// <summary>One delivery of <paramref name="body"/>: a new MessageId, DeliveryCount 1, straight to the handler (no queue, no retry).</summary>
    public static Task<InvocationResult> InvokeOnceAsync(
        FunctionDefinition function, string body, IFunctionInvoker invoker, TimeProvider clock, CancellationToken ct)
    {
        var envelope = ServiceBusEnvelope.Create(body, null, clock.GetUtcNow());
        return invoker.InvokeAsync(function, Data(function, envelope), Metadata(function, envelope, 1, DateTimeOffset.MaxValue, clock), AdminReason, ct);
    }
}
