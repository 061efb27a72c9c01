using System.Text.Json;
using System.Text.Json.Serialization;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Functions;

/// <summary>
/// The message on the <c>survey-invitations</c> queue: ids only. It names the invitation and the follow-up leading it;
/// <see cref="Reminder"/> is null for the first invitation, else the reminder's number. The contact details, the
/// language and the link are looked up by <c>DeliverSurveyInvitation</c>, never carried here.
/// </summary>
public sealed record SurveyInvitationMessage(
    [property: JsonPropertyName("invitationId")] string InvitationId,
    [property: JsonPropertyName("followUpId")] string FollowUpId,
    [property: JsonPropertyName("reminder")] int? Reminder)
{
    public const string QueueName = "survey-invitations";

    public string ToQueueText() => JsonSerializer.Serialize(this);

    /// <summary>Reads the trigger data (the message text as a JSON string; an object is accepted too), or says why it cannot be delivered.</summary>
    public static (SurveyInvitationMessage? Message, FollowUpId? FollowUp, string? Why) Read(JsonElement data)
    {
        try
        {
            var message = data.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize<SurveyInvitationMessage>(data.GetString()!)
                : JsonSerializer.Deserialize<SurveyInvitationMessage>(data);
            if (message is not { InvitationId.Length: > 0 } || message.Reminder is < 1 or > ReminderRule.MaxReminders)
                return (null, null, "not a survey invitation (invitationId, followUpId, reminder null or 1–2)");
            return Domain.FollowUps.FollowUpId.TryParse(message.FollowUpId, out var id)
                ? (message, id, null)
                : (null, null, $"'{message.FollowUpId}' is not a follow-up id");
        }
        catch (JsonException e)
        {
            return (null, null, $"not a survey invitation ({e.Message})");
        }
    }
}
