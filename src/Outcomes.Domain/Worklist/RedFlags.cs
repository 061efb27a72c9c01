using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;

namespace Outcomes.Domain.Worklist;

/// <summary>
/// The red flags one answer raises, each at most once: a new fracture reported ("yes"; "unsure" as its own, milder
/// kind), pain at least <see cref="PainWorseBy"/> points worse than at baseline or than the previous answer, a strong
/// opioid (<see cref="StrongOpioids"/>) reported now and neither at baseline nor in the previous answer (one that left
/// the medication question out reported none: a review too many is cheaper than one missed). The previous
/// answer is the one at the latest time point before this one that was answered; answers at later time points (an
/// earlier survey entered late from paper) are not compared with.
/// </summary>
public static class RedFlags
{
    /// <summary>On the 0–10 scale, 2 points is the minimal clinically important change (Farrar JT et al., Pain 2001;94:149–158).</summary>
    public const int PainWorseBy = 2;

    public static IReadOnlyList<RedFlag> Raised(string procedureId, Baseline baseline,
        IReadOnlyDictionary<TimePoint, SurveyAnswers> earlierAnswers, TimePoint timePoint, SurveyAnswers answer)
    {
        var previous = Previous(earlierAnswers, timePoint);
        var flags = new List<RedFlag>();
        RedFlag Flag(WorklistItemKind kind, IReadOnlyList<RedFlagChange> changes) => new(new(procedureId, timePoint, kind), changes);

        if (answer.NewFracture is NewFractureAnswer.Yes or NewFractureAnswer.Unsure)
            flags.Add(Flag(answer.NewFracture == NewFractureAnswer.Yes ? WorklistItemKind.NewFracture : WorklistItemKind.PossibleNewFracture,
                [new RedFlagChange.FractureReported(answer.NewFracture.Value)]));

        var pain = new List<RedFlagChange>();
        var sinceBaseline = new RedFlagChange.Pain(ComparedWith.Baseline, baseline.Pain, answer.Pain);
        if (sinceBaseline.WorseBy >= PainWorseBy) pain.Add(sinceBaseline);
        if (previous is { } p && new RedFlagChange.Pain(ComparedWith.Answer(p.TimePoint), p.Answers.Pain, answer.Pain) is { WorseBy: >= PainWorseBy } sincePrevious)
            pain.Add(sincePrevious);
        if (pain.Count > 0)
            flags.Add(Flag(WorklistItemKind.PainWorse, pain));

        if (StrongOpioids.Reports(answer.Medications, answer.Opioid)
            && !StrongOpioids.Reports(baseline.Medications, null)
            && !(previous is { } q && StrongOpioids.Reports(q.Answers.Medications, q.Answers.Opioid)))
        {
            List<RedFlagChange> medication = [new RedFlagChange.Medication(ComparedWith.Baseline, baseline.Medications, answer.Medications, answer.Opioid)];
            if (previous is { } r)
                medication.Add(new RedFlagChange.Medication(ComparedWith.Answer(r.TimePoint), r.Answers.Medications, answer.Medications, answer.Opioid));
            flags.Add(Flag(WorklistItemKind.StrongOpioidStarted, medication));
        }
        return flags;
    }

    /// <summary>
    /// Whether the flags of this answer can depend on anything beyond it and the baseline pain: the medications at
    /// baseline or an earlier answer. They cannot when the answer reports no strong opioid and either comes first in the
    /// schedule (no earlier answer to compare with) or reports less pain than the worsening that would count; then
    /// <see cref="Raised"/> never looks at the baseline's medications or at <c>earlierAnswers</c>.
    /// </summary>
    public static bool NeedsHistory(TimePoint timePoint, SurveyAnswers answer) =>
        StrongOpioids.Reports(answer.Medications, answer.Opioid) || (timePoint != TimePoint.All[0] && answer.Pain.Value >= PainWorseBy);

    /// <summary>The answer at the latest time point before <paramref name="timePoint"/>, or null when none was answered.</summary>
    public static (TimePoint TimePoint, SurveyAnswers Answers)? Previous(IReadOnlyDictionary<TimePoint, SurveyAnswers> answers, TimePoint timePoint) =>
        TimePoint.All.TakeWhile(t => t != timePoint).Reverse()
            .Where(answers.ContainsKey).Select(t => ((TimePoint, SurveyAnswers)?)(t, answers[t])).FirstOrDefault();
}
