namespace Outcomes.Domain.FollowUps;

/// <summary>One of a procedure's five follow-ups as scheduled at registration.</summary>
public sealed record ScheduledFollowUp(TimePoint TimePoint, DateOnly Due, SurveyWindow Window, FollowUpStatus Status);
