using System.Diagnostics.Metrics;

namespace Outcomes.Functions;

/// <summary>
/// What Outcomes counts about its own work, on the meter <see cref="MeterName"/>. Each figure is recorded where the
/// application already knows the outcome, and every tag is one of a few fixed words (a channel, a queue, a time point,
/// a format): nothing that could name a patient, a link or a key.
/// </summary>
public sealed class OutcomesMetrics
{
    public const string MeterName = "Outcomes";

    /// <summary>Deliveries after which Service Bus dead-letters a message (the queues' <c>maxDeliveryCount</c> in infra/).</summary>
    public const string MaxDeliveryCountSetting = "Outcomes:MaxDeliveryCount";

    private readonly Counter<long> invitationsSent, remindersSent, answersRecorded, duplicatesIgnored, deadLettered;
    private readonly Histogram<double> reportDuration;
    private readonly int maxDeliveryCount;

    public OutcomesMetrics(IMeterFactory meters, IConfiguration configuration)
    {
        var meter = meters.Create(MeterName);
        invitationsSent = meter.CreateCounter<long>("outcomes.invitations.sent", "{invitation}", "Survey invitations handed to the e-mail or SMS output.");
        remindersSent = meter.CreateCounter<long>("outcomes.reminders.sent", "{reminder}", "Survey reminders handed to the e-mail or SMS output.");
        answersRecorded = meter.CreateCounter<long>("outcomes.answers.recorded", "{answer}", "Survey answers stored, one per follow-up they answer.");
        duplicatesIgnored = meter.CreateCounter<long>("outcomes.duplicates.ignored", "{message}",
            "Messages that changed nothing because their work was done already: an answer to a follow-up already answered, an invitation already handed out by another message.");
        deadLettered = meter.CreateCounter<long>("outcomes.messages.dead_lettered", "{message}",
            "Messages the handler rejected as never processable on their last delivery, which Service Bus then dead-letters.");
        reportDuration = meter.CreateHistogram<double>("outcomes.report.duration", "s", "Time to read the tallies and build an outcome report.");
        maxDeliveryCount = configuration.GetValue(MaxDeliveryCountSetting, 10);
    }

    /// <param name="reminder">True for a reminder, false for the invitation itself.</param>
    /// <param name="channel">"email" or "sms".</param>
    public void MessageSent(bool reminder, string channel) =>
        (reminder ? remindersSent : invitationsSent).Add(1, new KeyValuePair<string, object?>("outcomes.channel", channel));

    /// <param name="timePoint">The time point's code ("1w", "1m", ...).</param>
    public void AnswerRecorded(string timePoint) =>
        answersRecorded.Add(1, new KeyValuePair<string, object?>("outcomes.time_point", timePoint));

    /// <param name="queue">The queue the message came from.</param>
    public void DuplicateIgnored(string queue) =>
        duplicatesIgnored.Add(1, new KeyValuePair<string, object?>("outcomes.queue", queue));

    /// <summary>
    /// A message the handler rejects as one it can never process. Service Bus retries it until its maximum delivery count
    /// and then dead-letters it, so it is counted on its last delivery only.
    /// </summary>
    public void MessageRejected(string queue, InvocationRequest invocation)
    {
        if (int.TryParse(invocation.MetadataString("DeliveryCount"), out var delivery) && delivery >= maxDeliveryCount)
            deadLettered.Add(1, new KeyValuePair<string, object?>("outcomes.queue", queue));
    }

    /// <param name="format">"json" or "csv".</param>
    public void ReportBuilt(TimeSpan took, string format) =>
        reportDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcomes.report.format", format));
}
