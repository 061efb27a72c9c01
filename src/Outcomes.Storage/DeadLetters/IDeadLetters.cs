namespace Outcomes.Storage;

/// <summary>
/// One dead-lettered message as operators see it: never its body. <paramref name="Description"/> is the host's text
/// (the failure of the last delivery), at most <see cref="DeadLetterRules.DescriptionLimit"/> characters.
/// </summary>
public sealed record DeadLetter(string MessageId, string? Reason, string? Description, int DeliveryCount, DateTimeOffset EnqueuedTime);

/// <summary>The oldest dead letters of a queue, up to <see cref="DeadLetterRules.Shown"/>; <paramref name="More"/> when there are others behind them.</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Letters, bool More);

public enum ReplayOutcome { Replayed, NotFound }

/// <summary>
/// The dead-letter store of the app's queues: the local host's <c>{queue}-deadletter</c> storage queues, or the
/// dead-letter sub-queue of each Service Bus queue. Callers pass only the app's own queue names.
/// </summary>
public interface IDeadLetters
{
    Task<DeadLetterList> ListAsync(string queue, CancellationToken ct);

    /// <summary>
    /// Sends the dead letter with <paramref name="messageId"/> back to <paramref name="queue"/> (same MessageId, body and
    /// properties, without the dead-letter reason), then removes it from the dead letters. At least once: a process that
    /// dies between the two leaves it in both places, and a second replay sends it again.
    /// </summary>
    Task<ReplayOutcome> ReplayAsync(string queue, string messageId, CancellationToken ct);
}

public static class DeadLetterRules
{
    /// <summary>The dead letters listed per queue: a storage queue shows at most 32 messages to a peek.</summary>
    public const int Shown = 32;

    public const int DescriptionLimit = 1024;

    internal static string? Bounded(string? description) =>
        description is { Length: > DescriptionLimit } ? description[..(DescriptionLimit - 1)] + "…" : description;
}
