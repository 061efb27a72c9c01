using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests.Worklist;

public sealed class WorklistItemIdTests
{
    public static TheoryData<WorklistItemKind> Kinds() => [.. Enum.GetValues<WorklistItemKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_id_reads_back_as_itself_for_every_kind(WorklistItemKind kind)
    {
        var id = new WorklistItemId("a1b2-c3d4", TimePoint.TwelveMonths, kind);

        Assert.True(WorklistItemId.TryParse(id.Value, out var read));
        Assert.Equal(id, read);
    }

    [Theory]
    [InlineData("p-1_1m_new_fracture", WorklistItemKind.NewFracture)]
    [InlineData("p-1_1m_possible_new_fracture", WorklistItemKind.PossibleNewFracture)]   // one kind's code ends another's
    [InlineData("p-1_1m_pain_worse", WorklistItemKind.PainWorse)]
    [InlineData("p-1_1m_strong_opioid_started", WorklistItemKind.StrongOpioidStarted)]
    [InlineData("p-1_1m_call_patient", WorklistItemKind.CallPatient)]
    [InlineData("p-1_1m_missed_survey", WorklistItemKind.MissedSurvey)]
    public void An_id_names_procedure_time_point_and_kind(string value, WorklistItemKind kind)
    {
        Assert.True(WorklistItemId.TryParse(value, out var id));

        Assert.Equal(new WorklistItemId("p-1", TimePoint.OneMonth, kind), id);
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("p-1_1m")]                   // no kind
    [InlineData("p-1_1m_fracture")]          // no such kind
    [InlineData("p-1_2m_pain_worse")]        // no such time point
    [InlineData("_1m_pain_worse")]           // no procedure
    [InlineData("p 1_1m_pain_worse")]        // not a procedure id
    [InlineData("p-1_1m_PAIN_WORSE")]        // codes are written in lower case, and only so
    [InlineData("p-1_1m_pain_worse_")]
    public void Anything_else_is_not_an_id(string? value) =>
        Assert.False(WorklistItemId.TryParse(value, out _));

    [Theory]
    [InlineData(WorklistItemKind.NewFracture, true)]
    [InlineData(WorklistItemKind.PossibleNewFracture, true)]
    [InlineData(WorklistItemKind.PainWorse, true)]
    [InlineData(WorklistItemKind.StrongOpioidStarted, true)]
    [InlineData(WorklistItemKind.CallPatient, false)]
    [InlineData(WorklistItemKind.MissedSurvey, false)]
    public void Red_flags_are_the_kinds_an_answer_raises(WorklistItemKind kind, bool redFlag) =>
        Assert.Equal(redFlag, kind.IsRedFlag());
}
