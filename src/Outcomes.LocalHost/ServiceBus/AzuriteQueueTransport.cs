using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>Service Bus queues as Azurite storage queues holding <see cref="ServiceBusEnvelope"/>s, delivered by <see cref="ServiceBusListener"/>.</summary>
internal sealed class AzuriteQueueTransport(QueueServiceClient queues, ServiceBusListenerOptions options, HostConsole console, TimeProvider clock) : IQueueTransport
{
    private readonly ConcurrentDictionary<string, Task<QueueClient>> created = new();

    public string Description => $"Azurite queues at {queues.Uri}";

    public IQueueListener Listener(FunctionDefinition function, IFunctionInvoker invoker) =>
        new ServiceBusListener(function, queues, invoker, options, console, clock);

    public async Task SendAsync(string queueName, string body, string? contentType, string? traceparent, CancellationToken ct)
    {
        var queue = await QueueAsync(queueName, ct);
        var envelope = ServiceBusEnvelope.Create(body, contentType, clock.GetUtcNow());
        if (traceparent is not null)
            envelope = envelope with { ApplicationProperties = new Dictionary<string, JsonElement> { [InvocationTrace.MessageProperty] = JsonSerializer.SerializeToElement(traceparent) } };
        await queue.SendMessageAsync(envelope.ToQueueText(), ct);
    }

    private async Task<QueueClient> QueueAsync(string name, CancellationToken ct)
    {
        var creating = created.GetOrAdd(name, async n =>
        {
            var queue = queues.GetQueueClient(n);
            await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return queue;
        });
        try { return await creating.WaitAsync(ct); }
        catch (RequestFailedException)
        {
            created.TryRemove(name, out _);   // try to create it again next time
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
