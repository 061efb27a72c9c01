using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Worklist;

/// <summary>One thing on the clinic's worklist, about one follow-up of one procedure.</summary>
public abstract record WorklistItem(WorklistItemId Id)
{
    public WorklistItemKind Kind => Id.Kind;
    public TimePoint TimePoint => Id.TimePoint;
    public string ProcedureId => Id.ProcedureId;
}

/// <summary>An answer that needs a clinician's review, and what in it changed (as data; the page words it).</summary>
public sealed record RedFlag(WorklistItemId Id, IReadOnlyList<RedFlagChange> Changes) : WorklistItem(Id);

/// <summary>
/// An open survey whose reminders are spent and that closes soon: worth a phone call. <paramref name="DaysLeft"/> counts
/// today (1: today is <paramref name="LastDay"/>, the last day an answer is taken), as <see cref="SurveyWindow.DaysLeft"/>.
/// </summary>
public sealed record CallPatient(WorklistItemId Id, int DaysLeft, DateOnly LastDay) : WorklistItem(Id);

/// <summary>
/// A survey missed: its window closed on <paramref name="ClosedOn"/> (<see cref="SurveyWindow.ClosesBefore"/>, the
/// first day it took no answer) without an answer.
/// </summary>
public sealed record MissedSurvey(WorklistItemId Id, DateOnly ClosedOn) : WorklistItem(Id);
