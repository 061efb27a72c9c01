namespace Outcomes.Domain.FollowUps;

/// <summary>
/// The message a follow-up's claim promised the patient: the invitation (<see cref="Number"/> 0) or reminder n, claimed
/// at <see cref="ClaimedAt"/> in the same write as the claim, and handed out once, by the queue message named in
/// <see cref="DeliveredBy"/>. One claimed and not handed out yet (a timer run that died before its messages were
/// queued, or a host that died sending them) is queued again by the next run, at once: if the first copy was only slow,
/// the second is handed out as nothing, so no run has to guess how long a message may take.
/// </summary>
public sealed record SurveyMessage(int Number, DateTimeOffset ClaimedAt, string? DeliveredBy = null)
{
    /// <summary>The reminder's number, or null for the invitation (as invitation messages name it).</summary>
    public int? Reminder => Number == 0 ? null : Number;

    public string Describe() => Number == 0 ? "invitation" : $"reminder {Number}";
}

/// <summary>What a delivery of a survey message does: hand it out (and record that), hand it out again, or nothing.</summary>
public enum DeliveryStep
{
    /// <summary>Not handed out yet: record the delivery with the follow-up, then send.</summary>
    RecordAndSend,
    /// <summary>Recorded by this same queue message, whose earlier attempt failed before its send: send.</summary>
    SendAgain,
    /// <summary>Already handed out by another message (a replay or a duplicate), replaced, or no longer open: nothing.</summary>
    Skip,
}
