using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage;

/// <summary>
/// A follow-up as read, with the version it was read at (a change written back only lands if nobody changed it since)
/// and where it is counted (kept on its row so that an answer is counted without loading its procedure; null on a row
/// written before rows kept it).
/// </summary>
public sealed record TrackedFollowUp(FollowUpId Id, FollowUpRecord Record, string Version, TallyKey? Tally = null);

/// <summary>
/// An entry of the due index: a follow-up that is due (or about to be) and not yet answered, missed or cancelled. Kept
/// under its due date until it is invited; once its invitation is out, under the day it next calls for something
/// (<see cref="ActOn"/>: a reminder, or its close), so that no run reads it before then.
/// </summary>
public sealed record OutstandingFollowUp(FollowUpId Id, string ClinicId, DateOnly Due, bool ActOn = false);

/// <summary>
/// An answer to one follow-up, from the patient's link or entered by the clinic (phone, paper); <see cref="Before"/> is
/// where the follow-up stood when it was answered (set by the store). One answer to an invitation covering several
/// follow-ups is stored on each; <see cref="Observation"/> says whether this copy is the one that counts among the
/// answers at its time point (the first stored there), so that the answer counts once per time point.
/// </summary>
public sealed record FollowUpAnswer(
    Guid ResponseId, SurveyAnswers Answers, DateOnly AnsweredOn, DateTimeOffset ReceivedAt, AuditActor Source, FollowUpId ReceivedFor,
    FollowUpStatus? Before = null, bool? Observation = null);

public enum AnswerOutcome { Recorded, AlreadyAnswered, NotOpen, NotFound }

/// <summary>
/// What recording an answer did; when <see cref="AnswerOutcome.Recorded"/> or <see cref="AnswerOutcome.AlreadyAnswered"/>,
/// the answer as stored (with where the follow-up stood before it; for an answer stored before, the one stored, which may
/// be another), and <see cref="Tidying"/>: the clinic's listing index letting go of the follow-up's old status, still
/// under way beside whatever the caller does next (best effort: a row left behind is passed over by the listing), also
/// when a redelivery finds the answer stored by a delivery that ended before that.
/// </summary>
public sealed record AnswerRecording(AnswerOutcome Outcome, FollowUpAnswer? Stored = null, Task? Tidying = null);

/// <summary>Follow-ups as the timer, the survey and the answers change them; every change is conditional on the version read.</summary>
public interface IFollowUpStore
{
    /// <summary>
    /// Index entries due on or before <paramref name="dueOnOrBefore"/>, and those put off to a day on or before
    /// <paramref name="actOnOrBefore"/>: what the timer has to look at, whatever was ever registered or invited.
    /// </summary>
    IAsyncEnumerable<OutstandingFollowUp> OutstandingAsync(DateOnly dueOnOrBefore, DateOnly actOnOrBefore, CancellationToken ct);

    /// <summary>Takes an entry out of the due index once its follow-up is final.</summary>
    Task RetireAsync(OutstandingFollowUp entry, CancellationToken ct);

    /// <summary>
    /// Puts an entry off to the day its follow-up next calls for something: written there first, then taken from where it
    /// was (a crash in between leaves it in both, and the earlier one is put off again when read).
    /// </summary>
    Task PutOffAsync(OutstandingFollowUp entry, DateOnly actOn, CancellationToken ct);

    Task<TrackedFollowUp?> GetAsync(FollowUpId id, CancellationToken ct);

    /// <summary>
    /// Writes the changed record, and <paramref name="recorded"/> to the procedure's audit trail in the same transaction,
    /// if the follow-up is still at the version read; false if it changed meanwhile (or is gone), and nothing is written.
    /// </summary>
    Task<bool> TryUpdateAsync(TrackedFollowUp read, FollowUpRecord changed, AuditEntry recorded, CancellationToken ct);

    /// <summary>
    /// Stores the answer (which is also its entry in the procedure's audit trail) and marks the follow-up answered in one
    /// transaction, once: a second answer for the same follow-up (a redelivery, a double submit) is
    /// <see cref="AnswerOutcome.AlreadyAnswered"/> and changes nothing. A follow-up whose window does not hold
    /// <see cref="FollowUpAnswer.AnsweredOn"/>, or that was cancelled as of an earlier day, is <see cref="AnswerOutcome.NotOpen"/>;
    /// one marked missed takes an answer given inside its window (paper forms are entered late), and one cancelled an
    /// answer given by the cancelling event's day (<see cref="FollowUpRecord.WhyNotAnswerable"/>). <paramref name="read"/> is used as it is while the
    /// follow-up stays at its version, and read again if it changed.
    /// </summary>
    Task<AnswerRecording> RecordAnswerAsync(TrackedFollowUp read, FollowUpAnswer answer, CancellationToken ct);

    Task<FollowUpAnswer?> FindAnswerAsync(FollowUpId id, CancellationToken ct);

    /// <summary>
    /// The follow-up as read, as text that can travel with a message (sealed by the sender) and stand later for a read
    /// made then: <see cref="RecordAnswerAsync"/> writes at its version and reads again only if it changed since.
    /// </summary>
    string Snapshot(TrackedFollowUp read);

    /// <summary>The follow-up a <see cref="Snapshot"/> holds; null when the text is not one.</summary>
    TrackedFollowUp? FromSnapshot(string snapshot);
}
