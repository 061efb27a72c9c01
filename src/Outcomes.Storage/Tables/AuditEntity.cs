using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// One audit entry. A procedure's entries live in its own partition of table <c>Procedures</c> (RowKey
/// "{procedure id}_audit-{…}", <see cref="ProcedureRows"/>), so an entry can be written in the same transaction as the
/// change it records. Other subjects' entries are in table <c>AuditTrail</c>, PartitionKey the subject with its '/'
/// written as ':' (<c>clinic:{id}</c>; '/' is not allowed in a key), except a clinic's settings changes: those are in
/// the clinic's partition of table <c>Clinics</c> (RowKey "audit-{…}", <see cref="BesideClinic"/>), written in the same
/// transaction as the change. A subject's history is thus one partition read in RowKey order (a clinic's, two); the RowKey ends with the time in UTC ticks (19 digits, so text order is time order), a
/// per-process sequence number (entries appended within one tick keep their order) and a random suffix (two processes
/// never collide). Rows are only ever inserted, never updated or deleted.
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

    private const string ProcedureSubject = "procedure/";

    /// <summary>The procedure whose partition of table <c>Procedures</c> holds the subject's entries; null for a subject kept in <c>AuditTrail</c>.</summary>
    public static string? ProcedureOf(string subject) => subject.StartsWith(ProcedureSubject, StringComparison.Ordinal) ? subject[ProcedureSubject.Length..] : null;

    private const string ClinicSubject = "clinic/";

    /// <summary>What every RowKey of a clinic's entries kept beside the clinic's row starts with.</summary>
    public const string BesideClinicPrefix = "audit-";

    /// <summary>The clinic whose partition of table <c>Clinics</c> may hold entries of the subject; null for any other subject.</summary>
    public static string? ClinicOf(string subject) => subject.StartsWith(ClinicSubject, StringComparison.Ordinal) ? subject[ClinicSubject.Length..] : null;

    /// <summary>An entry of a clinic, as the row written beside the clinic's own in table <c>Clinics</c>.</summary>
    public static AuditEntity BesideClinic(AuditEntry entry)
    {
        var row = From(entry);
        (row.PartitionKey, row.RowKey) = (ClinicOf(entry.Subject) ?? throw new ArgumentException($"'{entry.Subject}' is not a clinic.", nameof(entry)),
            BesideClinicPrefix + row.RowKey);
        return row;
    }

    public static string PartitionKeyOf(string subject) => ProcedureOf(subject) ?? subject.Replace('/', ':');

    /// <summary>What every RowKey of the subject's entries starts with.</summary>
    public static string RowPrefixOf(string subject) => ProcedureOf(subject) is { } procedureId ? ProcedureRows.Key(procedureId, ProcedureRows.AuditKind) : "";

    public static AuditEntity From(AuditEntry entry) => new()
    {
        PartitionKey = PartitionKeyOf(entry.Subject),
        RowKey = $"{RowPrefixOf(entry.Subject)}{entry.At.UtcTicks:D19}-{Interlocked.Increment(ref sequence):D19}-{Guid.NewGuid():N}",
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
