namespace Outcomes.Domain.FollowUps;

/// <summary>One invitation to one patient, covering one or more follow-ups; the answer counts for each of them.</summary>
public sealed record InvitationGroup(string ClinicId, string PatientRef, DateOnly SendOn, IReadOnlyList<DueFollowUp> FollowUps);
