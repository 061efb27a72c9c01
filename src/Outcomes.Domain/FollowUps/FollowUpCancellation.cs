namespace Outcomes.Domain.FollowUps;

/// <summary>What a patient event does to the patient's follow-ups (across all their procedures).</summary>
public static class FollowUpCancellation
{
    /// <summary>A stopping event cancels every follow-up not yet answered or missed; answered and missed stay as data.</summary>
    public static FollowUpStatus After(this FollowUpStatus status, PatientEventType patientEvent) =>
        patientEvent.StopsSurveys() && !status.IsFinal() ? FollowUpStatus.Cancelled : status;

    public static IReadOnlyList<ScheduledFollowUp> Apply(PatientEventType patientEvent, IEnumerable<ScheduledFollowUp> followUps) =>
        followUps.Select(f => f with { Status = f.Status.After(patientEvent) }).ToList();
}
