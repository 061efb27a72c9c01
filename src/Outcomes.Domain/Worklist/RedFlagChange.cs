using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;

namespace Outcomes.Domain.Worklist;

/// <summary>What an answer is compared with: the baseline before the procedure, or an earlier time point's answer.</summary>
public sealed record ComparedWith
{
    public static readonly ComparedWith Baseline = new((TimePoint?)null);

    private ComparedWith(TimePoint? timePoint) => TimePoint = timePoint;

    public static ComparedWith Answer(TimePoint timePoint) => new(timePoint);

    /// <summary>The earlier time point, or null for the baseline.</summary>
    public TimePoint? TimePoint { get; }

    public bool IsBaseline => TimePoint is null;

    public override string ToString() => TimePoint?.Code ?? "baseline";
}

/// <summary>What changed in an answer that raised a red flag, for a clinician to read.</summary>
public abstract record RedFlagChange
{
    private RedFlagChange() { }

    /// <summary>The answer to the new-fracture question.</summary>
    public sealed record FractureReported(NewFractureAnswer Answer) : RedFlagChange;

    /// <summary>Pain <paramref name="Before"/> (at <paramref name="Against"/>) → <paramref name="Now"/>; positive <see cref="WorseBy"/> is worse.</summary>
    public sealed record Pain(ComparedWith Against, PainScore Before, PainScore Now) : RedFlagChange
    {
        public int WorseBy => Now.Value - Before.Value;
    }

    /// <summary>
    /// Pain medication <paramref name="Before"/> (at <paramref name="Against"/>; null when that answer left the question
    /// out) → <paramref name="Now"/>, with the opioid dose now when one was given.
    /// </summary>
    public sealed record Medication(ComparedWith Against, IReadOnlyList<Medications.Medication>? Before,
        IReadOnlyList<Medications.Medication>? Now, OpioidDose? DoseNow) : RedFlagChange;
}
