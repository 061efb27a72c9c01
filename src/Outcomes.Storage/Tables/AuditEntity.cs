using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// One audit entry. PartitionKey is the subject with its '/' written as ':' (<c>procedure:{id}</c>; '/' is not allowed
/// in a key), so a subject's whole history is one partition read in RowKey order. RowKey is the time in UTC ticks (19
/// digits, so text order is time order), a per-process sequence number (entries appended within one tick keep their
/// order) and a random suffix (two processes never collide). Rows are only ever inserted, never updated or deleted.
/// </summary>
internal sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Subject { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string ActorKind { get; set; } = "";
    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string Changes { get; set; } = "{}";

    private static long sequence;

    public static string PartitionKeyOf(string subject) => subject.Replace('/', ':');

    public static AuditEntity From(AuditEntry entry) => new()
    {
        PartitionKey = PartitionKeyOf(entry.Subject),
        RowKey = $"{entry.At.UtcTicks:D19}-{Interlocked.Increment(ref sequence):D19}-{Guid.NewGuid():N}",
        Subject = entry.Subject,
        At = entry.At,
        ActorKind = WireName(entry.Actor.Kind),
        ActorId = entry.Actor.Id,
        Action = entry.Action,
        Changes = JsonSerializer.Serialize(entry.Changes),
    };

    public AuditEntry ToDomain() => new(Subject, At, new AuditActor(KindOf(ActorKind), ActorId), Action,
        JsonSerializer.Deserialize<Dictionary<string, string?>>(Changes) ?? []);

    private static readonly (Storage.ActorKind Kind, string Name)[] Names =
        [(Storage.ActorKind.ClinicKey, "clinic-key"), (Storage.ActorKind.PatientLink, "patient-link"), (Storage.ActorKind.Admin, "admin"), (Storage.ActorKind.System, "system")];

    public static string WireName(ActorKind kind) => Names.Single(n => n.Kind == kind).Name;

    private static ActorKind KindOf(string name) => Names.Single(n => n.Name == name).Kind;
}
