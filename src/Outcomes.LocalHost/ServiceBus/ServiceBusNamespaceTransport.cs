using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>
/// The Service Bus bindings over a real namespace, with the SDK the Functions host's extension uses: one
/// <see cref="ServiceBusProcessor"/> per trigger (peek-lock, host.json's maxConcurrentCalls, the lock renewed for up to
/// maxAutoLockRenewalDuration) and one sender per output queue. The namespace's own maxDeliveryCount dead-letters.
/// </summary>
internal sealed class ServiceBusNamespaceTransport(ServiceBusClient client, int maxConcurrentCalls, TimeSpan maxAutoLockRenewal, HostConsole console,
    TimeProvider clock) : IQueueTransport
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> senders = new();

    public string Description => $"Service Bus namespace {client.FullyQualifiedNamespace}";

    public IQueueListener Listener(FunctionDefinition function, IFunctionInvoker invoker)
    {
        var processor = client.CreateProcessor(function.Trigger.Get("queueName"), new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,   // settled by the invocation's outcome, as the host does
            MaxConcurrentCalls = maxConcurrentCalls,
            MaxAutoLockRenewalDuration = maxAutoLockRenewal,
        });
        return new ServiceBusProcessorListener(function, processor, invoker, console, clock);
    }

    public Task SendAsync(string queueName, string body, string? contentType, string? traceparent, CancellationToken ct)
    {
        var message = new ServiceBusMessage(body) { ContentType = contentType };
        if (traceparent is not null)
            message.ApplicationProperties[InvocationTrace.MessageProperty] = traceparent;
        return senders.GetOrAdd(queueName, client.CreateSender).SendMessageAsync(message, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in senders.Values) await sender.DisposeAsync();
        await client.DisposeAsync();
    }
}
