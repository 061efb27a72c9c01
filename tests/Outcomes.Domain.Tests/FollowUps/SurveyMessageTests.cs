using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

/// <summary>A claim promises its message in the same write; the message is handed out once, and one stranded is queued again.</summary>
public sealed class SurveyMessageTests
{
    private static readonly SurveyWindow Window = new(new DateOnly(2026, 2, 10), new DateOnly(2026, 4, 10));
    private static readonly DateTimeOffset ClaimedAt = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    private static FollowUpRecord Invited() =>
        new FollowUpRecord(new ScheduledFollowUp(TimePoint.OneMonth, Window.Opens, Window, FollowUpStatus.Pending), null, 0, null)
            .Invite(new DateOnly(2026, 2, 10), "inv-1").ToSend(0, ClaimedAt);

    [Fact]
    public void The_first_delivery_records_itself_a_retry_of_it_sends_again_and_any_other_sends_nothing()
    {
        var invited = Invited();
        Assert.Equal(DeliveryStep.RecordAndSend, invited.Delivery("inv-1", null, "m-1").Step);

        var delivered = invited.Delivered("m-1");

        Assert.Equal(DeliveryStep.SendAgain, delivered.Delivery("inv-1", null, "m-1").Step);    // the same queue message, its attempt failed
        Assert.Equal(DeliveryStep.Skip, delivered.Delivery("inv-1", null, "m-2").Step);         // a replay or a duplicate
        Assert.Equal(DeliveryStep.Skip, delivered.Delivery("inv-0", null, "m-3").Step);         // another invitation's
        Assert.Equal(DeliveryStep.Skip, delivered.Delivery("inv-1", 1, "m-4").Step);            // a reminder nobody claimed
        Assert.Throws<InvalidOperationException>(() => delivered.Delivered("m-2"));
    }

    [Fact]
    public void A_reminder_is_a_new_message_and_the_invitation_no_longer_the_one_outstanding()
    {
        var reminded = Invited().Delivered("m-1").Remind(1, new DateOnly(2026, 3, 1)).ToSend(1, ClaimedAt.AddDays(19));

        Assert.Equal(DeliveryStep.RecordAndSend, reminded.Delivery("inv-1", 1, "m-2").Step);
        Assert.Equal(DeliveryStep.Skip, reminded.Delivery("inv-1", null, "m-1").Step);
    }

    [Fact]
    public void A_follow_up_answered_or_cancelled_meanwhile_sends_nothing()
    {
        Assert.Equal(DeliveryStep.Skip, Invited().Answer(new DateOnly(2026, 2, 11)).Delivery("inv-1", null, "m-1").Step);
        Assert.Equal(DeliveryStep.Skip, Invited().After(PatientEventType.OptOut, new DateOnly(2026, 2, 11)).Delivery("inv-1", null, "m-1").Step);
    }

    [Fact]
    public void A_message_is_unsent_until_handed_out_while_the_follow_up_is_open()
    {
        Assert.Equal(0, Invited().Unsent!.Number);
        Assert.Null(Invited().Delivered("m-1").Unsent);
        Assert.Null(Invited().MarkMissed().Unsent);
        Assert.Throws<InvalidOperationException>(() => Invited().Delivered("m-1").Requeued(ClaimedAt.AddHours(1)));
    }

    [Fact]
    public void An_unsent_message_queued_again_keeps_its_number_and_is_still_handed_out_once()
    {
        var requeued = Invited().Requeued(ClaimedAt.AddHours(1));

        Assert.Equal((0, ClaimedAt.AddHours(1)), (requeued.Message!.Number, requeued.Message.ClaimedAt));
        Assert.Equal(DeliveryStep.RecordAndSend, requeued.Delivery("inv-1", null, "m-9").Step);
        Assert.Equal(DeliveryStep.Skip, requeued.Delivered("m-9").Delivery("inv-1", null, "m-1").Step);
    }

    [Fact]
    public void Only_a_claimed_follow_up_leading_its_invitation_promises_a_message()
    {
        var covered = new FollowUpRecord(new ScheduledFollowUp(TimePoint.OneMonth, Window.Opens, Window, FollowUpStatus.Pending), null, 0, null)
            .Invite(new DateOnly(2026, 2, 10), "inv-1", invitedWith: new FollowUpId("lead", TimePoint.ThreeMonths));

        Assert.Throws<InvalidOperationException>(() => covered.ToSend(0, ClaimedAt));
        Assert.Throws<InvalidOperationException>(() => Invited().ToSend(1, ClaimedAt));
    }
}
