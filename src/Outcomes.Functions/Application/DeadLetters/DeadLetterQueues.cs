using System.Text.RegularExpressions;

namespace Outcomes.Functions;

/// <summary>The queues whose dead letters operators see, each with the function its serviceBusTrigger binds to it.</summary>
internal static partial class DeadLetterQueues
{
    public static readonly IReadOnlyDictionary<string, string> FunctionOf = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [SurveyInvitationMessage.QueueName] = nameof(DeliverSurveyInvitation),
        [SurveyResponseMessage.QueueName] = nameof(RecordSurveyResponse),
    };

    /// <summary>
    /// A message id as the Functions host and the local host give them (GUIDs, with or without dashes) and as Service Bus
    /// allows them (at most 128 characters), kept to characters that need no escaping in a path.
    /// </summary>
    public static bool IsMessageId(string id) => MessageId().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9._:~-]{1,128}$")]
    private static partial Regex MessageId();
}
