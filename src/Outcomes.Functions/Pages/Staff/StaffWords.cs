using System.Globalization;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Medications;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Worklist;
using Outcomes.Functions.Dashboard;
using Outcomes.Storage;

namespace Outcomes.Functions.Staff;

/// <summary>The staff pages' words for what the domain keeps as codes: item kinds, changes, statuses, answers, actors, days.</summary>
internal static class StaffWords
{
    public static string KindInWords(WorklistItemKind kind) => kind switch
    {
        WorklistItemKind.NewFracture => "New fracture reported",
        WorklistItemKind.PossibleNewFracture => "Possibly a new fracture (unsure)",
        WorklistItemKind.PainWorse => "Pain worse",
        WorklistItemKind.StrongOpioidStarted => "Strong opioid started",
        WorklistItemKind.CallPatient => "Call the patient",
        WorklistItemKind.MissedSurvey => "Survey missed",
        _ => kind.ToWire(),
    };

    public static string Details(WorklistEntry entry) => entry.Item switch
    {
        CallPatient call => call.DaysLeft == 1 ? $"Closes after today ({Day(call.LastDay)}); reminders sent" : $"{call.DaysLeft} days left, last day {Day(call.LastDay)}; reminders sent",
        MissedSurvey missed => $"Closed unanswered on {Day(missed.ClosedOn)}",
        RedFlag flag => string.Join("; ", flag.Changes.Select(ChangeInWords)),
        _ => "",
    };

    public static string ChangeInWords(RedFlagChange change) => change switch
    {
        RedFlagChange.FractureReported f => $"answered \"{f.Answer.ToWire()}\" to a new fracture",
        RedFlagChange.Pain p => $"pain {p.Before.Value} → {p.Now.Value} (against {Against(p.Against)})",
        RedFlagChange.Medication m => $"medication {(m.Before is null ? "not answered" : Medications(m.Before))} → {(m.Now is null ? "not answered" : Medications(m.Now))} (against {Against(m.Against)})",
        _ => "",
    };

    public static string Against(ComparedWith against) => against.TimePoint is { } t ? $"the {TimePointInWords(t)} answer" : "baseline";

    public static string Medications(IReadOnlyList<Medication> medications) =>
        medications.Count == 0 ? "no pain medication" : string.Join(", ", medications.Select(m => m.ToWire().Replace('_', ' ')));

    /// <summary>A medication as the staff forms name it: the class, with an example where the class's name is not plain.</summary>
    public static string MedicationInWords(Medication m) => m switch
    {
        Medication.Nsaid => "NSAID (like ibuprofen)",
        Medication.WeakOpioid => "weak opioid (like codeine or tramadol)",
        Medication.StrongOpioid => "strong opioid (like morphine or oxycodone)",
        _ => m.ToWire(),
    };

    public static string TimePointInWords(TimePoint t) => DashboardPage.LabelOf(t.Code);

    public static string StatusInWords(FollowUpRecord f) => f.FollowUp.Status switch
    {
        FollowUpStatus.Reminded => $"reminded ({f.RemindersSent})",
        var status => status.ToWire(),
    };

    public static string AnswerInWords(FollowUpAnswer a) =>
        $"pain {a.Answers.Pain.Value}" + (a.Answers.Medications is { } m ? $"; {Medications(m)}" : "")
        + (a.Answers.NewFracture is { } fracture ? $"; new fracture: {fracture.ToWire()}" : "")
        + $"; {(a.Source.Kind == ActorKind.PatientLink ? "by the patient" : "entered by the clinic")} on {Day(a.AnsweredOn)}";

    public static string ContactInWords(HeldContact c) => c switch
    {
        { Unreadable: { } unreadable } => char.ToUpperInvariant(unreadable.Reason[0]) + unreadable.Reason[1..],
        { HasEmail: not true, HasPhone: not true } => "erased or none",
        _ => string.Join(" and ", new[] { c.HasEmail == true ? "e-mail" : null, c.HasPhone == true ? "phone" : null }.OfType<string>()) + " held (not shown)",
    };

    public static string ActorInWords(AuditActor actor) => actor.Kind switch
    {
        ActorKind.ClinicKey => $"clinic key {actor.Id}",
        ActorKind.PatientLink => "the patient's link",
        ActorKind.Admin => "admin",
        _ => "Outcomes",
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
