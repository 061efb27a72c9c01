using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>ClinicFollowUps</c>, the index a clinic's listing reads: PartitionKey = clinic id, RowKey =
/// "{status}_{time point}_{due yyyy-MM-dd}_{procedure id}", one row per follow-up and status it has had. A change of
/// status writes the new row before the follow-up and deletes the old one after it, so a follow-up is always found under
/// its status; a row left behind by a change that failed or stopped halfway is told apart by reading the follow-up.
/// </summary>
internal sealed class ClinicFollowUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ProcedureId { get; set; } = "";

    public static ClinicFollowUpEntity From(string clinicId, string procedureId, ScheduledFollowUp f) => From(clinicId, procedureId, f, f.Status);

    public static ClinicFollowUpEntity From(string clinicId, string procedureId, ScheduledFollowUp f, FollowUpStatus status) => new()
    {
        PartitionKey = clinicId,
        RowKey = Prefix(status, f.TimePoint) + FollowUpEntity.Day(f.Due) + "_" + procedureId,
        ProcedureId = procedureId,
    };

    /// <summary>What every RowKey of one status and time point begins with.</summary>
    public static string Prefix(FollowUpStatus status, TimePoint timePoint) => $"{status.ToWire()}_{timePoint.Code}_";
}
