namespace Outcomes.Domain.FollowUps;

/// <summary>
/// Where one follow-up stands: its status, its window, when it was invited and how often reminded.
/// <paramref name="LastRemindedOn"/> keeps a timer catching up after an outage from sending two reminders on one day.
/// </summary>
public sealed record FollowUpProgress(
    FollowUpStatus Status, SurveyWindow Window, DateOnly? InvitedOn = null, int RemindersSent = 0, DateOnly? LastRemindedOn = null);
