namespace Outcomes.Domain.Worklist;

/// <summary>What needs a person: a red flag from an answer, or a survey about to close or just missed.</summary>
public enum WorklistItemKind
{
    /// <summary>The patient answered "yes" to a new vertebral fracture.</summary>
    NewFracture,
    /// <summary>The patient answered "unsure" to a new vertebral fracture: milder, its own kind.</summary>
    PossibleNewFracture,
    /// <summary>Pain at least <see cref="RedFlags.PainWorseBy"/> points worse than at baseline or than the previous answer.</summary>
    PainWorse,
    /// <summary>A strong opioid reported, not reported at baseline nor in the previous answer.</summary>
    StrongOpioidStarted,
    /// <summary>An open survey, its reminders spent, closing within <see cref="FollowUpWorklist.CallWhenDaysLeft"/> days.</summary>
    CallPatient,
    /// <summary>A survey missed, its window closed within the last <see cref="FollowUpWorklist.MissedShownForDays"/> days.</summary>
    MissedSurvey,
}

public static class WorklistItemKindCodes
{
    public static readonly WireCodes<WorklistItemKind> Wire = new("worklist item kind",
        (WorklistItemKind.NewFracture, "new_fracture"),
        (WorklistItemKind.PossibleNewFracture, "possible_new_fracture"),
        (WorklistItemKind.PainWorse, "pain_worse"),
        (WorklistItemKind.StrongOpioidStarted, "strong_opioid_started"),
        (WorklistItemKind.CallPatient, "call_patient"),
        (WorklistItemKind.MissedSurvey, "missed_survey"));

    public static string ToWire(this WorklistItemKind kind) => Wire.Code(kind);

    /// <summary>Red flags come from an answer; the other items from the calendar.</summary>
    public static bool IsRedFlag(this WorklistItemKind kind) =>
        kind is WorklistItemKind.NewFracture or WorklistItemKind.PossibleNewFracture or WorklistItemKind.PainWorse or WorklistItemKind.StrongOpioidStarted;
}
