namespace Outcomes.Domain.FollowUps;

/// <summary>
/// A patient with several procedures gets one invitation for follow-ups due in the same week.
/// Per patient (clinic + patientRef), follow-ups are taken in due-date order; a group starts at the earliest
/// not yet grouped and takes every follow-up due within the next six days (a seven-day span).
/// The group is sent on its latest due date, so the answer falls inside every window it counts for
/// (windows are at least three weeks long, so the earliest window is still open). The timer should therefore pass
/// follow-ups due up to six days ahead and send the groups whose <see cref="InvitationGroup.SendOn"/> has come.
/// </summary>
public static class InvitationBatching
{
    public const int SameWeekDays = 7;

    public static IReadOnlyList<InvitationGroup> Group(IEnumerable<DueFollowUp> followUps)
    {
        var groups = new List<InvitationGroup>();
        var byPatient = followUps
            .DistinctBy(f => (f.ClinicId, f.ProcedureId, f.TimePoint.Code))
            .GroupBy(f => (f.ClinicId, f.PatientRef))
            .OrderBy(g => g.Key.ClinicId, StringComparer.Ordinal).ThenBy(g => g.Key.PatientRef, StringComparer.Ordinal);
        foreach (var patient in byPatient)
        {
            var ordered = patient
                .OrderBy(f => f.Due).ThenBy(f => f.ProcedureId, StringComparer.Ordinal).ThenBy(f => TimePointOrder(f.TimePoint))
                .ToList();
            for (var start = 0; start < ordered.Count;)
            {
                var weekEnds = ordered[start].Due.AddDays(SameWeekDays);
                var members = ordered.Skip(start).TakeWhile(f => f.Due < weekEnds).ToList();
                groups.Add(new InvitationGroup(patient.Key.ClinicId, patient.Key.PatientRef, members[^1].Due, members));
                start += members.Count;
            }
        }
        return groups.OrderBy(g => g.SendOn).ThenBy(g => g.ClinicId, StringComparer.Ordinal).ThenBy(g => g.PatientRef, StringComparer.Ordinal).ToList();
    }

    private static int TimePointOrder(TimePoint timePoint) => TimePoint.All.ToList().FindIndex(t => t.Code == timePoint.Code);
}
