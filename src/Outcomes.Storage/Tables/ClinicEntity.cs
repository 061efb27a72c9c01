using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// One clinic. PartitionKey is the clinic id and RowKey is empty: clinics are only ever read by id (a point read on
/// every clinic request), and a partition per clinic keeps them independent as their number grows. Inserting an id
/// that exists fails, so a clinic is never overwritten; its settings change only by an update conditional on its ETag,
/// in one transaction with the change's audit entry, kept in the clinic's partition beside it (<see cref="AuditEntity.BesideClinic"/>).
/// </summary>
internal sealed class ClinicEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? AlertEmail { get; set; }
    public string? Phone { get; set; }

    public static ClinicEntity From(Clinic clinic) => new()
    {
        PartitionKey = clinic.ClinicId, RowKey = "", Name = clinic.Name, TimeZone = clinic.TimeZone, CreatedAt = clinic.CreatedAt,
        AlertEmail = clinic.AlertEmail, Phone = clinic.Phone,
    };

    public Clinic ToDomain() => new(PartitionKey, Name, TimeZone, CreatedAt, AlertEmail, Phone);
}
