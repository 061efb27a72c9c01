using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>How a Service Bus trigger is carried over an Azurite queue.</summary>
/// <param name="MaxDeliveryCount">Deliveries before a message is dead-lettered (Service Bus default 10).</param>
/// <param name="MaxConcurrentCalls">host.json extensions.serviceBus.maxConcurrentCalls.</param>
/// <param name="AbandonDelay">How long an abandoned message stays invisible before its redelivery.</param>
/// <param name="EmptyPollDelay">How long to wait before polling an empty queue again.</param>
internal sealed record ServiceBusListenerOptions(int MaxDeliveryCount, int MaxConcurrentCalls, TimeSpan AbandonDelay, TimeSpan EmptyPollDelay)
{
    /// <summary>Stands in for the peek-lock the host keeps renewing for up to maxAutoLockRenewalDuration (5 minutes).</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(5);
}

/// <summary>
/// One serviceBusTrigger function's listener: receives envelopes (<see cref="ServiceBusEnvelope"/>) from its Azurite queue, up to
/// maxConcurrentCalls at once, and settles each as Service Bus would: success → complete (delete); failure → abandon (visible
/// again after a short delay), DeliveryCount being the queue's DequeueCount; at MaxDeliveryCount → moved to {queue}-deadletter
/// with reason MaxDeliveryCountExceeded. A message that is not an envelope is dead-lettered at once and the listener goes on.
/// </summary>
internal sealed class ServiceBusListener(
    FunctionDefinition function, QueueServiceClient queues, IFunctionInvoker invoker, ServiceBusListenerOptions options,
    HostConsole console, TimeProvider clock) : IQueueListener
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string NotAnEnvelope = "NotAServiceBusEnvelope";

    private readonly QueueClient queue = queues.GetQueueClient(function.Trigger.Get("queueName"));
    private readonly QueueClient deadLetters = queues.GetQueueClient(DeadLetterQueueName(function.Trigger.Get("queueName")!));

    public string FunctionName => function.Name;

    public static string DeadLetterQueueName(string queueName) => queueName + "-deadletter";

    public async Task CreateQueuesAsync(CancellationToken ct)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        await deadLetters.CreateIfNotExistsAsync(cancellationToken: ct);
    }

    /// <summary>
    /// Receives until <paramref name="ct"/> is cancelled, then waits for the invocations in flight. Whatever reading the
    /// queue throws (storage away longer than the SDK's retries included), it backs off and tries again.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrentCalls);
        var inFlight = new List<Task>();
        var failures = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await slots.WaitAsync(ct);
                var free = 1 + slots.CurrentCount;
                QueueMessage[] received;
                try
                {
                    received = (await queue.ReceiveMessagesAsync(Math.Min(free, 32), ServiceBusListenerOptions.LockDuration, ct)).Value;
                    failures = 0;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    slots.Release();
                    var delay = Backoff.After(++failures, options.EmptyPollDelay);
                    console.Log($"Listener of 'Functions.{function.Name}' could not read queue '{queue.Name}' ({Backoff.Describe(e)}); trying again in {delay.TotalSeconds:0.#} s.");
                    await Task.Delay(delay, clock, ct);
                    continue;
                }
                if (received.Length == 0)
                {
                    slots.Release();
                    await Task.Delay(options.EmptyPollDelay, clock, ct);
                    continue;
                }
                // One slot is held already; take one more per further message (they were free a moment ago).
                for (var i = 1; i < received.Length; i++) await slots.WaitAsync(ct);
                inFlight.RemoveAll(t => t.IsCompleted);
                foreach (var message in received)
                    inFlight.Add(Task.Run(async () =>
                    {
                        try { await ProcessAsync(message, ct); }
                        finally { slots.Release(); }
                    }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(inFlight);
    }

    internal async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (ServiceBusEnvelope.TryRead(message.MessageText) is not { } envelope)
            {
                console.Log($"Queue '{queue.Name}' message {message.MessageId} is not a Service Bus envelope; moved to '{deadLetters.Name}'.");
                var unreadable = ServiceBusEnvelope.Create(message.MessageText, null, message.InsertedOn ?? clock.GetUtcNow()) with
                {
                    DeadLetterReason = NotAnEnvelope,
                    DeadLetterErrorDescription = "The queue message is not the JSON envelope the Outcomes local host carries Service Bus messages in.",
                    DeliveryCount = (int)message.DequeueCount,
                };
                await DeadLetterAsync(message, unreadable, ct);
                return;
            }

            var deliveryCount = (int)message.DequeueCount;
            var reason = $"New ServiceBus message detected on '{queue.Name}' (MessageId={envelope.MessageId}, DeliveryCount={deliveryCount})";
            var metadata = ServiceBusDelivery.Metadata(function, envelope, deliveryCount, message.ExpiresOn ?? DateTimeOffset.MaxValue, clock);
            var result = await invoker.InvokeAsync(function, ServiceBusDelivery.Data(function, envelope), metadata, reason, ct);
            if (result.Succeeded)
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            else if (deliveryCount >= options.MaxDeliveryCount)
            {
                console.Log($"Message {envelope.MessageId} reached the maximum delivery count {options.MaxDeliveryCount}; moved to '{deadLetters.Name}'.");
                await DeadLetterAsync(message, envelope with { DeadLetterReason = MaxDeliveryCountExceeded, DeadLetterErrorDescription = result.Failure, DeliveryCount = deliveryCount }, ct);
            }
            else
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.AbandonDelay, cancellationToken: CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its lock lapses, as an unsettled Service Bus message would.
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The lock was lost (popreceipt moved on), Azurite refused or was away: the message comes back when its visibility lapses.
            console.Log($"Queue '{queue.Name}' message {message.MessageId} could not be settled ({Backoff.Describe(e)}); it will be delivered again.");
        }
    }

    private async Task DeadLetterAsync(QueueMessage message, ServiceBusEnvelope envelope, CancellationToken ct)
    {
        // Time to live -1: a dead-lettered message stays until someone looks at it, as in Service Bus.
        await deadLetters.SendMessageAsync(envelope.ToQueueText(), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
    }
}
