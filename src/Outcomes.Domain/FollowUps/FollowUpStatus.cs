namespace Outcomes.Domain.FollowUps;

public enum FollowUpStatus { Pending, Invited, Reminded, Answered, Missed, Cancelled }

public static class FollowUpStatusCodes
{
    public static readonly WireCodes<FollowUpStatus> Wire = new("follow-up status",
        (FollowUpStatus.Pending, "pending"), (FollowUpStatus.Invited, "invited"), (FollowUpStatus.Reminded, "reminded"),
        (FollowUpStatus.Answered, "answered"), (FollowUpStatus.Missed, "missed"), (FollowUpStatus.Cancelled, "cancelled"));

    public static string ToWire(this FollowUpStatus status) => Wire.Code(status);

    /// <summary>
    /// Answered, missed and cancelled follow-ups take no more invitations or reminders. Missed and cancelled ones may
    /// still become answered by an answer dated inside the window (and, when cancelled, by the event's day).
    /// </summary>
    public static bool IsFinal(this FollowUpStatus status) =>
        status is FollowUpStatus.Answered or FollowUpStatus.Missed or FollowUpStatus.Cancelled;
}
