using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Domain.Worklist;

namespace Outcomes.Domain.Tests.Worklist;

public sealed class RedFlagsTests
{
    private const string Procedure = "7f3c9a2e-5d41-4b8e-9c0a-1e2f3a4b5c6d";

    private static Baseline Baseline(int pain = 6, params Medication[] medications) =>
        new(PainScore.From(pain), medications.Length == 0 ? [Medication.Paracetamol] : medications);

    private static SurveyAnswers Answer(int pain, Medication[]? medications = null, OpioidDose? opioid = null, NewFractureAnswer? fracture = null) =>
        new(PainScore.From(pain), medications, opioid, fracture);

    private static IReadOnlyList<RedFlag> Raised(Baseline baseline, TimePoint at, SurveyAnswers answer, params (TimePoint, SurveyAnswers)[] earlier) =>
        RedFlags.Raised(Procedure, baseline, earlier.ToDictionary(e => e.Item1, e => e.Item2), at, answer);

    private static WorklistItemKind[] Kinds(IEnumerable<RedFlag> flags) => flags.Select(f => f.Kind).ToArray();

    [Theory]
    [InlineData(NewFractureAnswer.Yes, WorklistItemKind.NewFracture)]
    [InlineData(NewFractureAnswer.Unsure, WorklistItemKind.PossibleNewFracture)]
    [InlineData(NewFractureAnswer.No, null)]
    [InlineData(null, null)]   // the question left out
    public void A_new_fracture_reported_is_a_red_flag_and_unsure_is_its_own_milder_kind(NewFractureAnswer? answer, WorklistItemKind? expected)
    {
        var flags = Raised(Baseline(), TimePoint.OneMonth, Answer(3, fracture: answer));

        Assert.Equal(expected is null ? [] : [expected.Value], Kinds(flags));
        if (expected is not null)
            Assert.Equal([new RedFlagChange.FractureReported(answer!.Value)], flags[0].Changes);
    }

    [Theory]
    [InlineData(4, 3, false)]
    [InlineData(4, 4, false)]
    [InlineData(4, 5, false)]   // one point worse: within the noise of the scale
    [InlineData(4, 6, true)]    // two points worse: the smallest change that counts
    [InlineData(4, 10, true)]
    [InlineData(0, 2, true)]
    [InlineData(9, 10, false)]
    public void Pain_at_least_two_points_worse_than_at_baseline_is_a_red_flag(int baseline, int now, bool flagged)
    {
        var flags = Raised(Baseline(baseline), TimePoint.OneWeek, Answer(now));

        Assert.Equal(flagged ? [WorklistItemKind.PainWorse] : [], Kinds(flags));
        if (flagged)
            Assert.Equal([new RedFlagChange.Pain(ComparedWith.Baseline, PainScore.From(baseline), PainScore.From(now))], flags[0].Changes);
    }

    [Theory]
    [InlineData(3, 4, false)]
    [InlineData(3, 5, true)]    // better than baseline (8), and two points worse than at 1m
    [InlineData(3, 7, true)]
    [InlineData(5, 6, false)]
    public void Pain_at_least_two_points_worse_than_the_previous_answer_is_a_red_flag(int oneMonth, int threeMonths, bool flagged)
    {
        var flags = Raised(Baseline(8), TimePoint.ThreeMonths, Answer(threeMonths), (TimePoint.OneMonth, Answer(oneMonth)));

        Assert.Equal(flagged ? [WorklistItemKind.PainWorse] : [], Kinds(flags));
        if (flagged)
            Assert.Equal([new RedFlagChange.Pain(ComparedWith.Answer(TimePoint.OneMonth), PainScore.From(oneMonth), PainScore.From(threeMonths))], flags[0].Changes);
    }

    [Fact]
    public void Pain_worse_than_both_baseline_and_the_previous_answer_is_one_flag_showing_both_changes()
    {
        var flags = Raised(Baseline(4), TimePoint.ThreeMonths, Answer(7), (TimePoint.OneMonth, Answer(4)));

        var flag = Assert.Single(flags);
        Assert.Equal(new WorklistItemId(Procedure, TimePoint.ThreeMonths, WorklistItemKind.PainWorse), flag.Id);
        Assert.Equal(
            [new RedFlagChange.Pain(ComparedWith.Baseline, PainScore.From(4), PainScore.From(7)),
             new RedFlagChange.Pain(ComparedWith.Answer(TimePoint.OneMonth), PainScore.From(4), PainScore.From(7))],
            flag.Changes);
    }

    public static TheoryData<string, string[], string> PreviousAnswers() => new()
    {
        // answered time points (code:pain), the new answer's time point, the one it is compared with ("" for none)
        { "3m", ["1w:2", "1m:5"], "1m" },
        { "3m", ["1w:2"], "1w" },                       // 1m missed: the latest answered before it
        { "12m", ["1w:2", "3m:3"], "3m" },
        { "1m", ["1w:2", "3m:3", "6m:3"], "1w" },      // 1m entered late from paper: later answers are not "previous"
        { "1w", ["1m:3", "3m:3"], "" },
        { "1m", ["1m:1"], "" },                        // the same time point is not an earlier one
        { "1w", [], "" },
    };

    [Theory]
    [MemberData(nameof(PreviousAnswers))]
    public void The_previous_answer_is_the_latest_answered_time_point_before_this_one(string at, string[] answered, string expected)
    {
        var earlier = answered.Select(a => a.Split(':')).ToDictionary(a => Parse(a[0]), a => Answer(int.Parse(a[1])));

        var previous = RedFlags.Previous(earlier, Parse(at));

        Assert.Equal(expected, previous?.TimePoint.Code ?? "");
    }

    [Fact]
    public void Pain_is_compared_with_the_previous_answer_only_not_with_an_older_one()
    {
        // Pain 1 at 1w, 5 at 1m, 6 at 3m: four points above 1w, but one above the previous answer and none above baseline.
        var flags = Raised(Baseline(8), TimePoint.ThreeMonths, Answer(6), (TimePoint.OneWeek, Answer(1)), (TimePoint.OneMonth, Answer(5)));

        Assert.Empty(flags);
    }

    public static TheoryData<Medication[], string?, Medication[]?, string?, bool> Opioids() => new()
    {
        // baseline medications, previous answer's (null: no previous answer), its opioid dose, this answer's → flagged
        { [Medication.Paracetamol], null, [Medication.StrongOpioid], null, true },
        { [Medication.None], null, [Medication.StrongOpioid], "oxycodone", true },
        { [Medication.StrongOpioid], null, [Medication.StrongOpioid], "morphine", false },          // on it before the procedure
        { [Medication.Paracetamol], "strong_opioid", [Medication.StrongOpioid], null, false },      // already reported at 1m
        { [Medication.Paracetamol], "weak_opioid+oxycodone", [Medication.StrongOpioid], null, false },  // 1m's dose was a strong one
        { [Medication.Paracetamol], "weak_opioid", [Medication.StrongOpioid], null, true },
        { [Medication.Paracetamol], "-", [Medication.StrongOpioid], null, true },                    // 1m left the question out
        { [Medication.WeakOpioid], null, [Medication.WeakOpioid], "tramadol", false },
        { [Medication.WeakOpioid], null, [Medication.WeakOpioid], "hydrocodone", false },
        { [Medication.WeakOpioid], null, [Medication.WeakOpioid], "morphine", true },                // the dose names a strong one
        { [Medication.Paracetamol], null, [Medication.Paracetamol, Medication.Nsaid], null, false },
        { [Medication.Paracetamol], null, null, null, false },                                       // this answer left it out
    };

    [Theory]
    [MemberData(nameof(Opioids))]
    public void A_strong_opioid_reported_now_and_neither_at_baseline_nor_in_the_previous_answer_is_a_red_flag(
        Medication[] baseline, string? previous, Medication[]? now, string? dose, bool flagged)
    {
        (TimePoint, SurveyAnswers)[] earlier = previous switch
        {
            null => [],
            "-" => [(TimePoint.OneMonth, Answer(6))],
            _ => [(TimePoint.OneMonth, Answer(6, [MedicationCodes.Wire.TryParse(previous.Split('+')[0], out var m) ? m : throw new ArgumentException(previous)],
                previous.Contains('+') ? Dose(previous.Split('+')[1]) : null))],
        };

        var flags = Raised(Baseline(6, baseline), TimePoint.ThreeMonths, Answer(6, now, dose is null ? null : Dose(dose)), earlier);

        Assert.Equal(flagged ? [WorklistItemKind.StrongOpioidStarted] : [], Kinds(flags));
    }

    [Fact]
    public void A_strong_opioid_started_shows_the_medication_at_baseline_and_in_the_previous_answer_beside_this_one()
    {
        var oxycodone = new OpioidDose(Opioid.Oxycodone, 20m);
        Medication[] now = [Medication.StrongOpioid, Medication.Paracetamol];

        var flag = Assert.Single(Raised(Baseline(6, Medication.Nsaid), TimePoint.SixMonths, Answer(6, now, oxycodone),
            (TimePoint.ThreeMonths, Answer(6, [Medication.WeakOpioid]))));

        Assert.Equal(WorklistItemKind.StrongOpioidStarted, flag.Kind);
        var changes = flag.Changes.Cast<RedFlagChange.Medication>().ToList();
        Assert.Equal([ComparedWith.Baseline, ComparedWith.Answer(TimePoint.ThreeMonths)], changes.Select(c => c.Against));
        Assert.Equal([Medication.Nsaid], changes[0].Before);
        Assert.Equal([Medication.WeakOpioid], changes[1].Before);
        Assert.All(changes, c => Assert.Same(now, c.Now));
        Assert.All(changes, c => Assert.Equal(oxycodone, c.DoseNow));
    }

    [Fact]
    public void One_answer_raises_each_kind_at_most_once_and_in_a_fixed_order()
    {
        var flags = Raised(Baseline(3, Medication.None), TimePoint.OneMonth,
            Answer(9, [Medication.StrongOpioid], new OpioidDose(Opioid.Hydromorphone, 8m), NewFractureAnswer.Yes), (TimePoint.OneWeek, Answer(2)));

        Assert.Equal([WorklistItemKind.NewFracture, WorklistItemKind.PainWorse, WorklistItemKind.StrongOpioidStarted], Kinds(flags));
        Assert.All(flags, f => Assert.Equal(new FollowUpId(Procedure, TimePoint.OneMonth), f.Id.FollowUp));
    }

    [Fact]
    public void The_same_answer_delivered_again_raises_flags_with_the_same_ids()
    {
        SurveyAnswers Delivery() => Answer(9, [Medication.StrongOpioid], null, NewFractureAnswer.Unsure);

        var first = Raised(Baseline(3), TimePoint.SixMonths, Delivery(), (TimePoint.ThreeMonths, Answer(4)));
        var again = Raised(Baseline(3), TimePoint.SixMonths, Delivery(), (TimePoint.ThreeMonths, Answer(4)));

        Assert.Equal(
            [$"{Procedure}_6m_possible_new_fracture", $"{Procedure}_6m_pain_worse", $"{Procedure}_6m_strong_opioid_started"],
            first.Select(f => f.Id.Value));
        Assert.Equal(first.Select(f => f.Id), again.Select(f => f.Id));
    }

    [Fact]
    public void An_answer_like_the_ones_before_raises_nothing() =>
        Assert.Empty(Raised(Baseline(7, Medication.WeakOpioid), TimePoint.TwelveMonths,
            Answer(3, [Medication.WeakOpioid], new OpioidDose(Opioid.Tramadol, 100m), NewFractureAnswer.No), (TimePoint.SixMonths, Answer(3))));

    private static TimePoint Parse(string code) => TimePoint.TryParse(code, out var t) ? t : throw new ArgumentException(code);

    private static OpioidDose Dose(string opioid) =>
        new(OpioidCodes.Wire.TryParse(opioid, out var o) ? o : throw new ArgumentException(opioid), 10m);

    [Theory]
    [InlineData("1w", 9, false, false)]   // nothing before the first survey; baseline pain is on the follow-up's row
    [InlineData("1m", 1, false, false)]   // too little pain to be 2 points worse than anything
    [InlineData("1m", 2, false, true)]
    [InlineData("1w", 0, true, true)]     // a strong opioid: compared with the baseline's medications
    public void An_answer_needs_its_history_only_when_its_flags_can_depend_on_it(string at, int pain, bool strongOpioid, bool expected)
    {
        Assert.True(TimePoint.TryParse(at, out var timePoint));
        var answer = Answer(pain, strongOpioid ? [Medication.StrongOpioid] : [Medication.Paracetamol]);

        Assert.Equal(expected, RedFlags.NeedsHistory(timePoint, answer));
    }

    [Fact]
    public void Flags_that_need_no_history_are_the_same_whatever_the_baseline_medications_and_the_other_answers_are()
    {
        var random = new Random(20261203);
        var medications = Enum.GetValues<Medication>();
        var opioids = Enum.GetValues<Opioid>();
        NewFractureAnswer?[] fractures = [null, NewFractureAnswer.Yes, NewFractureAnswer.No, NewFractureAnswer.Unsure];
        SurveyAnswers RandomAnswer() => Answer(random.Next(11), medications.Where(_ => random.Next(3) == 0).ToArray(),
            random.Next(4) == 0 ? new OpioidDose(opioids[random.Next(opioids.Length)], 10) : null, fractures[random.Next(fractures.Length)]);
        static string Described(IEnumerable<RedFlag> flags) => string.Join("; ", flags.Select(f => $"{f.Kind}: {string.Join(", ", f.Changes)}"));
        var compared = 0;
        for (var i = 0; i < 5000; i++)
        {
            var at = TimePoint.All[random.Next(TimePoint.All.Count)];
            var answer = RandomAnswer();
            if (RedFlags.NeedsHistory(at, answer))
                continue;
            var baseline = new Baseline(PainScore.From(random.Next(11)), medications.Where(_ => random.Next(3) == 0).ToArray());
            var others = TimePoint.All.Where(t => t != at && random.Next(2) == 0).ToDictionary(t => t, _ => RandomAnswer());

            var withHistory = RedFlags.Raised(Procedure, baseline, others, at, answer);
            var without = RedFlags.Raised(Procedure, new Baseline(baseline.Pain, []), new Dictionary<TimePoint, SurveyAnswers>(), at, answer);

            Assert.Equal(Described(withHistory), Described(without));
            compared += withHistory.Count > 0 ? 1 : 0;
        }
        Assert.True(compared > 100, $"only {compared} answers with flags were compared");
    }
}
