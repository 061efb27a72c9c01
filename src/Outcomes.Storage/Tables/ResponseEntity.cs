using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;

namespace Outcomes.Storage.Tables;

/// <summary>
/// The answer to one follow-up, in the procedure's partition of table <c>Procedures</c> (RowKey "{procedure id}_response-{time point}", <see cref="ProcedureRows"/>):
/// one per follow-up, added in the same transaction that marks the follow-up answered, so a second answer cannot land. It
/// is also the answer's entry in the procedure's audit trail (<see cref="ToAuditEntry"/>).
/// </summary>
internal sealed class ResponseEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ResponseId { get; set; } = "";
    public string Answers { get; set; } = "";
    public string AnsweredOn { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public string SourceKind { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string ReceivedFor { get; set; } = "";
    /// <summary>Where the follow-up stood when answered (invited, reminded, pending, missed).</summary>
    public string? Before { get; set; }
    /// <summary>Whether this copy of the answer is its observation at the time point (null on a row from before rows said so).</summary>
    public bool? Observation { get; set; }

    public static ResponseEntity From(FollowUpId id, FollowUpAnswer a) => new()
    {
        PartitionKey = id.ProcedureId,
        RowKey = ProcedureRows.Response(id.ProcedureId, id.TimePoint),
        ResponseId = a.ResponseId.ToString(),
        Answers = StoredAnswers.Write(a.Answers),
        AnsweredOn = FollowUpEntity.Day(a.AnsweredOn),
        ReceivedAt = a.ReceivedAt,
        SourceKind = a.Source.Kind.ToString(),
        SourceId = a.Source.Id,
        ReceivedFor = a.ReceivedFor.Value,
        Before = a.Before?.ToWire(),
        Observation = a.Observation,
    };

    /// <summary>The answer as its procedure's audit trail shows it: who gave it, when it was received, what it answered.</summary>
    public AuditEntry ToAuditEntry(string subject) => new(subject, ReceivedAt, new AuditActor(Enum.Parse<ActorKind>(SourceKind), SourceId),
        "follow-up-answered", new Dictionary<string, string?>
        {
            ["timePoint"] = RowKey[(RowKey.LastIndexOf('-') + 1)..],
            ["responseId"] = ResponseId,
            ["answeredOn"] = AnsweredOn,
        });

    public FollowUpAnswer ToDomain()
    {
        var answers = StoredAnswers.Read(Answers);
        if (!FollowUpId.TryParse(ReceivedFor, out var receivedFor))
            throw new InvalidDataException($"The answer in {PartitionKey}/{RowKey} names no follow-up it was received for.");
        return new FollowUpAnswer(Guid.Parse(ResponseId), answers,
            DateOnly.ParseExact(AnsweredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), ReceivedAt,
            new AuditActor(Enum.Parse<ActorKind>(SourceKind), SourceId), receivedFor,
            FollowUpStatusCodes.Wire.TryParse(Before, out var before) ? before : null, Observation);
    }
}
