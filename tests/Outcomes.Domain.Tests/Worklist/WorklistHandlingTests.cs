using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests.Worklist;

public sealed class WorklistHandlingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 4, 8, 12, 0, 0, TimeSpan.FromHours(2));

    private static WorklistItemId Id(string procedure, TimePoint at, WorklistItemKind kind) => new(procedure, at, kind);

    private static readonly RedFlag Fracture = new(Id("p1", TimePoint.OneMonth, WorklistItemKind.NewFracture), []);
    private static readonly RedFlag Unsure = new(Id("p2", TimePoint.OneMonth, WorklistItemKind.PossibleNewFracture), []);
    private static readonly RedFlag Pain = new(Id("p3", TimePoint.ThreeMonths, WorklistItemKind.PainWorse), []);
    private static readonly RedFlag Opioid = new(Id("p4", TimePoint.OneWeek, WorklistItemKind.StrongOpioidStarted), []);
    private static readonly CallPatient CallLastDay = new(Id("p5", TimePoint.OneMonth, WorklistItemKind.CallPatient), 1, new(2026, 4, 8));
    private static readonly CallPatient CallIn3 = new(Id("p6", TimePoint.SixMonths, WorklistItemKind.CallPatient), 3, new(2026, 4, 10));
    private static readonly MissedSurvey MissedEarlier = new(Id("p7", TimePoint.OneWeek, WorklistItemKind.MissedSurvey), new(2026, 4, 2));
    private static readonly MissedSurvey MissedToday = new(Id("p8", TimePoint.OneWeek, WorklistItemKind.MissedSurvey), new(2026, 4, 8));

    private static readonly WorklistItem[] All = [MissedEarlier, CallIn3, Unsure, MissedToday, Pain, CallLastDay, Opioid, Fracture];

    [Fact]
    public void With_nothing_handled_every_item_is_open_the_most_pressing_first() =>
        Assert.Equal([Fracture, Opioid, Pain, Unsure, CallLastDay, CallIn3, MissedToday, MissedEarlier],
            WorklistHandling.StillOpen(All, new Dictionary<WorklistItemId, HandledMark>()));

    [Fact]
    public void A_handled_item_leaves_the_list_and_the_others_stay()
    {
        var handled = new Dictionary<WorklistItemId, HandledMark> { [Fracture.Id] = new("nurse.lee", Noon), [CallIn3.Id] = new("coordinator", Noon) };

        Assert.Equal([Opioid, Pain, Unsure, CallLastDay, MissedToday, MissedEarlier], WorklistHandling.StillOpen(All, handled));
    }

    [Fact]
    public void A_mark_is_kept_by_id_so_an_item_worked_out_again_stays_handled()
    {
        var handled = new Dictionary<WorklistItemId, HandledMark> { [Id("p5", TimePoint.OneMonth, WorklistItemKind.CallPatient)] = new("coordinator", Noon) };
        var tomorrow = CallLastDay with { DaysLeft = 0 };

        Assert.DoesNotContain(tomorrow, WorklistHandling.StillOpen([tomorrow], handled));
    }

    [Fact]
    public void Handling_one_kind_leaves_another_kind_of_the_same_follow_up_open()
    {
        var call = new CallPatient(Id("p1", TimePoint.OneMonth, WorklistItemKind.CallPatient), 2, new(2026, 4, 9));
        var missed = new MissedSurvey(Id("p1", TimePoint.OneMonth, WorklistItemKind.MissedSurvey), new(2026, 4, 10));
        var handled = new Dictionary<WorklistItemId, HandledMark> { [call.Id] = new("coordinator", Noon) };

        Assert.Equal([missed], WorklistHandling.StillOpen([call, missed], handled));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("nurse\nlee")]
    [InlineData("nurse\u2028lee")]
    public void A_mark_names_who_handled_it_on_one_line(string by) =>
        Assert.Throws<ArgumentException>(() => new HandledMark(by, Noon));

    [Fact]
    public void A_name_longer_than_the_limit_is_refused_and_one_at_it_taken()
    {
        Assert.Equal(HandledMark.MaxByLength, new HandledMark(new string('a', HandledMark.MaxByLength), Noon).By.Length);
        Assert.Throws<ArgumentException>(() => new HandledMark(new string('a', HandledMark.MaxByLength + 1), Noon));
    }
}
