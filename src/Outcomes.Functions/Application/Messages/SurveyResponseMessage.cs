using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// The message on the <c>survey-responses</c> queue: ids, the day the patient answered, who sent it, and the answers
/// sealed with the personal-data key (<see cref="ContactCipher"/>), so the queue never holds them in clear.
/// A patient link is named only by a one-way reference (<see cref="ReferenceTo"/>), never by its token. The follow-up as
/// the sender read and checked it may travel along, sealed too (<see cref="IFollowUpStore.Snapshot"/>): the answer is then
/// stored without reading the follow-up again, unless it changed since.
/// </summary>
public sealed record SurveyResponseMessage(
    [property: JsonPropertyName("responseId")] Guid ResponseId,
    [property: JsonPropertyName("followUpId")] string FollowUpId,
    [property: JsonPropertyName("answeredOn")] DateOnly AnsweredOn,
    [property: JsonPropertyName("sealedAnswers")] string SealedAnswers,
    [property: JsonPropertyName("source")] SurveyResponseMessage.Sender Source,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt,
    [property: JsonPropertyName("sealedFollowUp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SealedFollowUp = null)
{
    public const string QueueName = "survey-responses";

    public sealed record Sender([property: JsonPropertyName("kind"), JsonConverter(typeof(JsonStringEnumConverter<ActorKind>))] ActorKind Kind, [property: JsonPropertyName("id")] string Id)
    {
        public AuditActor Actor => new(Kind, Id);
    }

    public static SurveyResponseMessage Create(
        FollowUpId followUp, DateOnly answeredOn, SurveyAnswers answers, AuditActor source, DateTimeOffset submittedAt, ContactCipher cipher,
        string? followUpSnapshot = null) =>
        new(Guid.NewGuid(), followUp.Value, answeredOn, cipher.Seal(JsonSerializer.SerializeToUtf8Bytes(SurveyAnswersRequest.From(answers), JsonRequest.Options)),
            new Sender(source.Kind, source.Id), submittedAt, followUpSnapshot is null ? null : cipher.Seal(Encoding.UTF8.GetBytes(followUpSnapshot)));

    /// <summary>
    /// The follow-up as the sender read it, if it travelled along, opens, is the one answered and led no invitation
    /// covering others (those are read fresh); otherwise null, and it is read from storage.
    /// </summary>
    public TrackedFollowUp? SeenFollowUp(FollowUpId followUp, IFollowUpStore followUps, ContactCipher cipher)
    {
        if (SealedFollowUp is null)
            return null;
        try
        {
            return followUps.FromSnapshot(Encoding.UTF8.GetString(cipher.Unseal(SealedFollowUp))) is { } seen && seen.Id == followUp
                   && seen.Record.Covers is not { Count: > 0 }
                ? seen
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The message as queue text (the Service Bus output takes a string as the body).</summary>
    public string ToQueueText() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads the trigger data (the message text as a JSON string, as the docs show; an object is accepted too) and opens the
    /// answers; or says why the message can never be processed.
    /// </summary>
    public static (SurveyResponseMessage? Message, FollowUpId? FollowUp, SurveyAnswers? Answers, string? Why) Read(JsonElement data, ContactCipher cipher)
    {
        SurveyResponseMessage? message;
        try
        {
            message = data.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize<SurveyResponseMessage>(data.GetString()!, Json)
                : JsonSerializer.Deserialize<SurveyResponseMessage>(data, Json);
        }
        catch (JsonException e)
        {
            return (null, null, null, $"not a survey response message ({e.Message})");
        }
        if (message is not { SealedAnswers.Length: > 0, Source.Id.Length: > 0 } || message.ResponseId == Guid.Empty)
            return (null, null, null, "not a survey response message (responseId, followUpId, answeredOn, sealedAnswers, source, submittedAt)");
        if (!Domain.FollowUps.FollowUpId.TryParse(message.FollowUpId, out var followUp))
            return (null, null, null, $"'{message.FollowUpId}' is not a follow-up id");
        byte[] opened;
        try
        {
            opened = cipher.Unseal(message.SealedAnswers);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return (null, null, null, "the sealed answers cannot be opened with the configured keys");
        }
        var (sent, notBound) = JsonRequest.Bind<SurveyAnswersRequest>(opened);
        if (sent is null)
            return (null, null, null, $"the answers are not valid: {notBound!.Detail}");
        var (answers, problems) = sent.ToAnswers();
        return answers is null ? (null, null, null, $"the answers are not valid: {problems[0].Detail}") : (message, followUp, answers, null);
    }

    /// <summary>A stable reference to a survey link that cannot be turned back into the link.</summary>
    public static string ReferenceTo(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static readonly JsonSerializerOptions Json = new();
}
