namespace Outcomes.Domain.FollowUps;

/// <summary>What the follow-up timer should do about one follow-up today.</summary>
public abstract record FollowUpAction
{
    private FollowUpAction() { }

    public static readonly FollowUpAction Nothing = new DoNothing();
    public static readonly FollowUpAction Invite = new SendInvitation();
    public static readonly FollowUpAction MarkMissed = new RecordMissed();

    public sealed record DoNothing : FollowUpAction;
    public sealed record SendInvitation : FollowUpAction;
    /// <summary>Send reminder <paramref name="Number"/> (1 or 2), telling the patient how many days are left, today included.</summary>
    public sealed record Remind(int Number, int DaysLeft) : FollowUpAction;
    public sealed record RecordMissed : FollowUpAction;
}
