using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class FollowUpCancellationTests
{
    [Theory]
    [InlineData("death", FollowUpStatus.Pending, FollowUpStatus.Cancelled)]
    [InlineData("withdrawal", FollowUpStatus.Invited, FollowUpStatus.Cancelled)]
    [InlineData("opt_out", FollowUpStatus.Reminded, FollowUpStatus.Cancelled)]
    [InlineData("death", FollowUpStatus.Answered, FollowUpStatus.Answered)]
    [InlineData("opt_out", FollowUpStatus.Missed, FollowUpStatus.Missed)]
    [InlineData("new_fracture", FollowUpStatus.Pending, FollowUpStatus.Pending)]
    [InlineData("new_fracture", FollowUpStatus.Invited, FollowUpStatus.Invited)]
    public void Death_withdrawal_and_opt_out_cancel_what_is_not_yet_answered_or_missed(string eventCode, FollowUpStatus before, FollowUpStatus after)
    {
        Assert.True(PatientEventTypeCodes.Wire.TryParse(eventCode, out var patientEvent));

        Assert.Equal(after, before.After(patientEvent));
    }

    [Fact]
    public void An_opt_out_after_the_first_answer_cancels_the_rest_of_the_schedule()
    {
        var schedule = FollowUpSchedule.For(new DateOnly(2026, 1, 10));
        schedule = [schedule[0] with { Status = FollowUpStatus.Answered }, schedule[1] with { Status = FollowUpStatus.Invited }, .. schedule.Skip(2)];

        var after = FollowUpCancellation.Apply(PatientEventType.OptOut, schedule);

        Assert.Equal([FollowUpStatus.Answered, .. Enumerable.Repeat(FollowUpStatus.Cancelled, 4)], after.Select(f => f.Status));
    }
}
