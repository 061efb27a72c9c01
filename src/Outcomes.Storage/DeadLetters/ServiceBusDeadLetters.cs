using Azure.Messaging.ServiceBus;

namespace Outcomes.Storage;

/// <summary>
/// The dead-letter sub-queue of each Service Bus queue (<see cref="SubQueue.DeadLetter"/>): listed by peeking (nothing
/// is locked or counted), replayed by receiving under a lock until the message shows, sending a copy to the queue
/// (same MessageId, body and properties, without the dead-letter reason) and completing the dead letter. The messages
/// received ahead of it are abandoned at once; Service Bus counts that as a delivery of each in the dead-letter queue.
/// </summary>
internal sealed class ServiceBusDeadLetters(ServiceBusClient client) : IDeadLetters
{
    private static readonly TimeSpan SearchWait = TimeSpan.FromSeconds(2);

    private static readonly ServiceBusReceiverOptions DeadLetterQueue = new() { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock };

    public async Task<DeadLetterList> ListAsync(string queue, CancellationToken ct)
    {
        await using var receiver = client.CreateReceiver(queue, DeadLetterQueue);
        var peeked = await receiver.PeekMessagesAsync(DeadLetterRules.Shown + 1, cancellationToken: ct);
        return new DeadLetterList(peeked.Take(DeadLetterRules.Shown).Select(Describe).ToList(), peeked.Count > DeadLetterRules.Shown);
    }

    public async Task<ReplayOutcome> ReplayAsync(string queue, string messageId, CancellationToken ct)
    {
        await using var receiver = client.CreateReceiver(queue, DeadLetterQueue);
        var held = new List<ServiceBusReceivedMessage>();
        var seen = new HashSet<long>();
        try
        {
            while (true)
            {
                var batch = await receiver.ReceiveMessagesAsync(DeadLetterRules.Shown, SearchWait, ct);
                if (batch.Count == 0)
                    return ReplayOutcome.NotFound;
                // Every message received stays held (and is abandoned at the end), the ones after a match included, so
                // none is left locked; a message seen twice means the locks lapsed and the search went round: not there.
                held.AddRange(batch);
                if (batch.Any(m => !seen.Add(m.SequenceNumber)))
                    return ReplayOutcome.NotFound;
                if (batch.FirstOrDefault(m => m.MessageId == messageId) is { } found)
                {
                    held.Remove(found);
                    await using var sender = client.CreateSender(queue);
                    await sender.SendMessageAsync(Copy(found), ct);
                    await receiver.CompleteMessageAsync(found, CancellationToken.None);
                    return ReplayOutcome.Replayed;
                }
            }
        }
        finally
        {
            foreach (var message in held)
            {
                try { await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None); }
                catch (ServiceBusException) { }   // it shows again when its lock lapses
            }
        }
    }

    /// <summary>The message as it was sent: what the SDK copies from a received message, less the dead-letter reason.</summary>
    internal static ServiceBusMessage Copy(ServiceBusReceivedMessage message)
    {
        var copy = new ServiceBusMessage(message);
        copy.ApplicationProperties.Remove("DeadLetterReason");
        copy.ApplicationProperties.Remove("DeadLetterErrorDescription");
        return copy;
    }

    private static DeadLetter Describe(ServiceBusReceivedMessage message) => new(
        message.MessageId, message.DeadLetterReason, DeadLetterRules.Bounded(message.DeadLetterErrorDescription), message.DeliveryCount, message.EnqueuedTime);
}
