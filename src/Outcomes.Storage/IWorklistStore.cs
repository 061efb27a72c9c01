using Outcomes.Domain.Worklist;

namespace Outcomes.Storage;

/// <summary>A red flag as kept on the clinic's worklist: raised when, and whether its alert went out (by which message).</summary>
public sealed record RaisedFlag(RedFlag Flag, DateTimeOffset RaisedAt);

/// <summary>
/// The clinic's worklist as stored: the red flags its patients' answers raised, open until someone marks them handled, and
/// the handled marks of every item (red flags and the calendar's calls and missed surveys alike), kept by item id.
/// </summary>
public interface IWorklistStore
{
    /// <summary>
    /// Puts the flag on the clinic's worklist once: raising it again (a redelivered answer) changes nothing, and a flag
    /// marked handled is not raised again. True when the flag is open on the list after the call.
    /// </summary>
    Task<bool> RaiseAsync(string clinicId, RaisedFlag flag, CancellationToken ct);

    /// <summary>
    /// Claims the open flag's alert for the message being processed: true when no message claimed it yet, or this same
    /// message did (a retry of it: its first attempt's outputs were never sent); false once another message claimed it.
    /// </summary>
    Task<bool> ClaimAlertAsync(string clinicId, WorklistItemId id, string messageId, CancellationToken ct);

    /// <summary>Whether the red flag is on the clinic's worklist and not handled.</summary>
    Task<bool> IsOpenAsync(string clinicId, WorklistItemId id, CancellationToken ct);

    /// <summary>The clinic's open red flags (never the handled ones).</summary>
    Task<IReadOnlyList<RaisedFlag>> OpenFlagsAsync(string clinicId, CancellationToken ct);

    /// <summary>The handled marks of these items, for those that have one.</summary>
    Task<IReadOnlyDictionary<WorklistItemId, HandledMark>> HandledAsync(string clinicId, IEnumerable<WorklistItemId> ids, CancellationToken ct);

    /// <summary>Marks the item handled (its first mark stays: marking it again changes nothing); false when it was marked already.</summary>
    Task<bool> MarkHandledAsync(string clinicId, WorklistItemId id, HandledMark mark, CancellationToken ct);
}
