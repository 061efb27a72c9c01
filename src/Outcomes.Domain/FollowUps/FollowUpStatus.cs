namespace Outcomes.Domain.FollowUps;

public enum FollowUpStatus { Pending, Invited, Reminded, Answered, Missed, Cancelled }

public static class FollowUpStatusCodes
{
    public static readonly WireCodes<FollowUpStatus> Wire = new("follow-up status",
        (FollowUpStatus.Pending, "pending"), (FollowUpStatus.Invited, "invited"), (FollowUpStatus.Reminded, "reminded"),
        (FollowUpStatus.Answered, "answered"), (FollowUpStatus.Missed, "missed"), (FollowUpStatus.Cancelled, "cancelled"));

    public static string ToWire(this FollowUpStatus status) => Wire.Code(status);

    /// <summary>Answered, missed and cancelled follow-ups never change again.</summary>
    public static bool IsFinal(this FollowUpStatus status) =>
        status is FollowUpStatus.Answered or FollowUpStatus.Missed or FollowUpStatus.Cancelled;
}
