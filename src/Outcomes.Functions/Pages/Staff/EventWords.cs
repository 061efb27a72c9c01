using System.Globalization;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

using static Outcomes.Functions.Staff.StaffWords;

namespace Outcomes.Functions.Staff;

/// <summary>The staff pages' words for patient events: each type, and the notice the procedure's page shows once one is recorded.</summary>
internal static class EventWords
{
    /// <summary>The audit action of a survey a death, withdrawal or opt-out cancelled (<see cref="PatientSurveysStop"/>).</summary>
    private const string SurveyCancelled = "follow-up-cancelled";

    public static string TypeInWords(PatientEventType type) => type switch
    {
        PatientEventType.Death => "death",
        PatientEventType.Withdrawal => "withdrawal",
        PatientEventType.OptOut => "opt-out",
        PatientEventType.NewFracture => "new fracture",
        _ => type.ToWire(),
    };

    /// <summary>The radio button's label: what the type is, and what recording it does to the surveys.</summary>
    public static string ChoiceInWords(PatientEventType type) => type switch
    {
        PatientEventType.Death => "Death: the patient died",
        PatientEventType.Withdrawal => "Withdrawal: the patient leaves the follow-up",
        PatientEventType.OptOut => "Opt-out: the patient wants no more surveys",
        PatientEventType.NewFracture => "New fracture: a new vertebral fracture was diagnosed (the surveys go on)",
        _ => type.ToWire(),
    };

    public static string LevelsInWords(PatientEvent e) => e.Levels.Count == 0 ? "" : string.Join(", ", e.Levels);

    /// <summary>
    /// Said once the event is recorded, with how many of this procedure's surveys it cancelled: counted from the
    /// procedure's audit trail (each cancellation names its reason and the day it took effect), not from the page's link.
    /// </summary>
    public static string Recorded(RecordedPatientEvent recorded, IReadOnlyList<AuditEntry> trail)
    {
        var e = recorded.Event;
        var what = $"The {TypeInWords(e.Type)} on {Day(e.Date)}{(e.Levels.Count == 0 ? "" : $" ({LevelsInWords(e)})")} was recorded";
        if (!e.Type.StopsSurveys())
            return $"{what}; the surveys go on.";
        var cancelled = trail.Count(a => a.Action == SurveyCancelled
            && a.Changes.GetValueOrDefault("reason") == e.Type.ToWire() && a.Changes.GetValueOrDefault("asOf") == Day(e.Date));
        return cancelled switch
        {
            0 => $"{what}; no survey of this procedure was still to come, and any still to come on the patient's other procedures are cancelled.",
            1 => $"{what}; it cancelled 1 survey of this procedure that was still to come, and any still to come on the patient's other procedures.",
            _ => $"{what}; it cancelled {cancelled} surveys of this procedure that were still to come, and any still to come on the patient's other procedures.",
        };
    }

    /// <summary>Said when the form was sent again (a double click, a resend): the event is there once, and when and by whom it was recorded.</summary>
    public static string AlreadyRecorded(RecordedPatientEvent earlier, string procedureId) =>
        Standing(earlier, procedureId) + "; it is kept once and was not recorded again.";

    /// <summary>Said beside the day when the form names another day for an event the patient already has.</summary>
    public static string RecordedOnAnotherDay(RecordedPatientEvent earlier, string procedureId) =>
        Standing(earlier, procedureId) + "; an event is recorded once, so this form's day was not recorded.";

    private static string Standing(RecordedPatientEvent earlier, string procedureId)
    {
        var e = earlier.Event;
        var what = e.Type == PatientEventType.Death ? "The patient's death" : $"The {TypeInWords(e.Type)}";
        var where = earlier.ProcedureId == procedureId ? "" : $", on their procedure {earlier.ProcedureId},";
        return $"{what} on {Day(e.Date)}{(e.Levels.Count == 0 ? "" : $" ({LevelsInWords(e)})")} was already recorded{where} at "
            + $"{earlier.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by {ActorInWords(earlier.RecordedBy)}";
    }
}
