using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// Hands a survey message out once: the first delivery of an invitation's message records, with its audit entry and
/// at the version read, which queue message handed it out; a retry of that same queue message sends again (its earlier
/// attempt failed, and the host sends outputs only on success; a host that died after sending but before completing the
/// message is the one case that sends twice, see the README); a replayed or duplicated message, or one for a follow-up
/// answered, cancelled or re-invited meanwhile, sends nothing.
/// </summary>
internal sealed class SurveyMessageHandOut(IFollowUpStore followUps, OutcomesMetrics metrics)
{
    private static readonly AuditActor Deliverer = AuditActor.System(nameof(DeliverSurveyInvitation));

    /// <param name="channel">"email", "sms", or "none" when the contact was erased (recorded too, so it is not queued again).</param>
    /// <returns>The follow-up to send for, or null and why nothing is sent; null and null when there is no such follow-up.</returns>
    public async Task<(TrackedFollowUp? FollowUp, string? Why)> ClaimAsync(
        FollowUpId id, SurveyInvitationMessage message, string messageId, string channel, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await followUps.GetAsync(id, ct) is not { } read)
                return (null, null);
            var (step, why) = read.Record.Delivery(message.InvitationId, message.Reminder, messageId);
            if (step == DeliveryStep.Skip)
            {
                // This very message (invitation and number) handed out by another copy of it: a duplicate.
                if (read.Record.InvitationId == message.InvitationId && read.Record.Message is { DeliveredBy: { } by } sent
                    && by != messageId && sent.Number == (message.Reminder ?? 0))
                    metrics.DuplicateIgnored(SurveyInvitationMessage.QueueName);
                return (null, why);
            }
            if (step == DeliveryStep.SendAgain)
                return (read, null);
            var entry = new AuditEntry(AuditSubjects.Procedure(id.ProcedureId), now, Deliverer, "follow-up-message-sent", new Dictionary<string, string?>
            {
                ["timePoint"] = id.TimePoint.Code, ["invitationId"] = message.InvitationId, ["message"] = read.Record.Message!.Describe(), ["channel"] = channel,
            });
            if (await followUps.TryUpdateAsync(read, read.Record.Delivered(messageId), entry, ct))
                return (read, null);
        }
        throw new InvalidOperationException($"Follow-up {id} kept changing while its message was handed out; the queue delivers it again.");
    }
}
