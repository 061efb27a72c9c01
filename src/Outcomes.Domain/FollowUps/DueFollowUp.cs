namespace Outcomes.Domain.FollowUps;

/// <summary>A follow-up about to be invited, with whom it belongs to (a clinic's pseudonymous patient reference).</summary>
public sealed record DueFollowUp(string ClinicId, string PatientRef, string ProcedureId, TimePoint TimePoint, DateOnly Due);
