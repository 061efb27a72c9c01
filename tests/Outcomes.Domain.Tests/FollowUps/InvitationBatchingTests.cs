using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Tests.FollowUps;

public class InvitationBatchingTests
{
    static DueFollowUp Due(string patient, string procedure, string timePoint, string due, string clinic = "c1")
    {
        TimePoint.TryParse(timePoint, out var point);
        return new DueFollowUp(clinic, patient, procedure, point, DateOnly.Parse(due));
    }

    static string Describe(IEnumerable<InvitationGroup> groups) => string.Join(" | ", groups.Select(g =>
        $"{g.ClinicId}/{g.PatientRef} on {g.SendOn:MM-dd}: {string.Join(",", g.FollowUps.Select(f => $"{f.ProcedureId}:{f.TimePoint.Code}"))}"));

    [Theory]
    [InlineData("2026-03-02", "p1 on 03-08: b:1m,a:3m")]                      // six days apart: one week, one invitation
    [InlineData("2026-03-01", "p1 on 03-01: b:1m | p1 on 03-08: a:3m")]       // seven days apart: two weeks
    [InlineData("2026-03-08", "p1 on 03-08: a:3m,b:1m")]                      // same day: ordered by procedure id
    public void Two_procedures_due_in_the_same_week_get_one_invitation_sent_on_the_later_due_date(string secondDue, string expected) =>
        Assert.Equal("c1/" + expected.Replace(" | p1", " | c1/p1"), Describe(InvitationBatching.Group([
            Due("p1", "a", "3m", "2026-03-08"),
            Due("p1", "b", "1m", secondDue),
        ])));

    [Fact]
    public void Different_patients_and_the_same_reference_at_another_clinic_are_never_grouped() =>
        Assert.Equal("c1/p1 on 03-08: a:1m | c1/p2 on 03-08: b:1m | c2/p1 on 03-08: c:1m", Describe(InvitationBatching.Group([
            Due("p2", "b", "1m", "2026-03-08"),
            Due("p1", "c", "1m", "2026-03-08", clinic: "c2"),
            Due("p1", "a", "1m", "2026-03-08"),
        ])));

    [Fact]
    public void A_week_is_counted_from_the_first_follow_up_not_chained_from_the_last() =>
        Assert.Equal("c1/p1 on 03-06: a:1m,b:1w | c1/p1 on 03-11: c:3m", Describe(InvitationBatching.Group([
            Due("p1", "a", "1m", "2026-03-01"),
            Due("p1", "b", "1w", "2026-03-06"),
            Due("p1", "c", "3m", "2026-03-11"),
        ])));

    [Fact]
    public void Grouping_does_not_depend_on_input_order_and_drops_repeats()
    {
        DueFollowUp[] followUps = [Due("p1", "a", "3m", "2026-03-08"), Due("p1", "b", "1m", "2026-03-05"), Due("p9", "z", "6m", "2026-03-01")];

        var forwards = Describe(InvitationBatching.Group(followUps));
        var backwards = Describe(InvitationBatching.Group([.. followUps.Reverse(), followUps[0]]));

        Assert.Equal("c1/p9 on 03-01: z:6m | c1/p1 on 03-08: b:1m,a:3m", forwards);
        Assert.Equal(forwards, backwards);
    }

    [Fact]
    public void The_group_is_sent_while_every_follow_up_in_it_is_open()
    {
        var first = FollowUpSchedule.For(new DateOnly(2026, 2, 28));   // shortest possible 1w window: 7 Mar up to 28 Mar
        var second = FollowUpSchedule.For(new DateOnly(2026, 3, 6));

        var group = Assert.Single(InvitationBatching.Group([
            new DueFollowUp("c1", "p1", "a", first[0].TimePoint, first[0].Due),
            new DueFollowUp("c1", "p1", "b", second[0].TimePoint, second[0].Due),
        ]));

        Assert.True(first[0].Window.Contains(group.SendOn));
        Assert.True(second[0].Window.Contains(group.SendOn));
    }
}
