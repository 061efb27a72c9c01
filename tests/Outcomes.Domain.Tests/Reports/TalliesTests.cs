using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Tests.Reports;

public sealed class TalliesTests
{
    [Theory]
    [InlineData(8, 6, true, false)]    // −2: two points, 25%
    [InlineData(8, 5, true, true)]     // −3: 37.5%
    [InlineData(10, 7, true, true)]    // −3: exactly 30%
    [InlineData(3, 2, false, true)]    // −1: 33%
    [InlineData(0, 0, false, false)]   // nothing to improve from
    [InlineData(5, 7, false, false)]   // worse
    public void Improvement_counts_two_points_and_thirty_percent_from_the_baseline(int baseline, int pain, bool twoPoints, bool thirtyPercent)
    {
        var tally = new TimePointTally();

        tally.AddAnswer(PainScore.From(baseline), new SurveyAnswers(PainScore.From(pain)));

        Assert.Equal((twoPoints ? 1 : 0, thirtyPercent ? 1 : 0), (tally.ImprovedTwoPoints, tally.ImprovedThirtyPercent));
        Assert.Equal(baseline > 0 ? 1 : 0, tally.AnswersAboveZeroBaseline);   // the 30% share's denominator
        Assert.Equal(1, tally.Pain[pain]);
        Assert.Equal(1, tally.Change[pain - baseline + TimePointTally.ChangeOffset]);
        Assert.Equal(1, tally.ChangeByBaselineBand[baseline <= 3 ? 0 : baseline <= 6 ? 1 : 2][pain - baseline + TimePointTally.ChangeOffset]);
        Assert.Equal(1, tally.ChangeByBaselineBand.Sum(b => b.Sum()));
    }

    [Fact]
    public void Medication_and_fracture_answers_are_counted_only_when_given()
    {
        var tally = new TimePointTally();

        tally.AddAnswer(PainScore.From(6), new SurveyAnswers(PainScore.From(4), [Medication.Paracetamol, Medication.WeakOpioid], null, NewFractureAnswer.Yes));
        tally.AddAnswer(PainScore.From(6), new SurveyAnswers(PainScore.From(2), [Medication.None], null, NewFractureAnswer.No));
        tally.AddAnswer(PainScore.From(6), new SurveyAnswers(PainScore.From(2)));

        Assert.Equal((2, 1, 1), (tally.MedicationAnswers, tally.AnyMedication, tally.Opioid));
        Assert.Equal((2, 1), (tally.NewFractureAnswers, tally.NewFractureYes));
    }

    [Fact]
    public void A_follow_up_moves_between_counts()
    {
        var tally = new TimePointTally();

        tally.Move(FollowUpStatus.Pending, FollowUpStatus.Invited);
        tally.Move(FollowUpStatus.Pending, FollowUpStatus.Invited);
        tally.Move(FollowUpStatus.Pending, FollowUpStatus.Missed);
        tally.Move(FollowUpStatus.Invited, FollowUpStatus.Answered);
        tally.Move(FollowUpStatus.Reminded, FollowUpStatus.Cancelled);

        Assert.Equal((0, 1, 1, 1), (tally.Open, tally.Answered, tally.Missed, tally.Cancelled));
    }

    [Theory]
    [InlineData("2026-03-05", "2026-04-04", true)]    // day 30
    [InlineData("2026-03-05", "2026-04-05", false)]   // day 31
    [InlineData("2026-03-05", "2026-03-05", true)]    // the day of the procedure
    [InlineData("2026-03-05", "2026-03-04", false)]   // before it
    public void A_death_is_early_within_thirty_days_after_the_procedure(string procedure, string died, bool early) =>
        Assert.Equal(early, CohortTally.IsEarlyDeath(DateOnly.Parse(procedure), DateOnly.Parse(died)));
}
