using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Storage.Tables;

/// <summary>
/// A patient event in its procedure's partition of table <c>Procedures</c>, RowKey "{procedure id}_event-{key}" (<see cref="PatientEvent.Key"/>):
/// the key makes a repeated report the same row, so inserting it again fails instead of counting the event twice.
/// </summary>
internal sealed class PatientEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Date { get; set; } = "";
    /// <summary>The new fracture's levels, comma-separated head to tail; empty when not given or not a fracture.</summary>
    public string Levels { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string ActorKind { get; set; } = "";
    public string ActorId { get; set; } = "";

    public static PatientEventEntity From(RecordedPatientEvent e) => new()
    {
        PartitionKey = e.ProcedureId,
        RowKey = ProcedureRows.Key(e.ProcedureId, ProcedureRows.EventKind + e.Event.Key),
        EventId = e.EventId.ToString(),
        Type = e.Event.Type.ToWire(),
        Date = FollowUpEntity.Day(e.Event.Date),
        Levels = string.Join(",", e.Event.Levels),
        RecordedAt = e.RecordedAt,
        ActorKind = e.RecordedBy.Kind.ToString(),
        ActorId = e.RecordedBy.Id,
    };

    public RecordedPatientEvent ToDomain()
    {
        if (!PatientEventTypeCodes.Wire.TryParse(Type, out var type))
            throw new InvalidDataException($"The event in {PartitionKey}/{RowKey} has a type this version cannot read: '{Type}'.");
        var levels = Levels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => VertebralLevel.TryParse(l, out var level) ? level : throw new InvalidDataException($"'{l}' in {PartitionKey}/{RowKey} is not a vertebral level."))
            .ToList();
        return new RecordedPatientEvent(Guid.Parse(EventId), PartitionKey,
            new PatientEvent(type, DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), levels),
            RecordedAt, new AuditActor(Enum.Parse<ActorKind>(ActorKind), ActorId));
    }
}
