using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>FollowUpsDue</c>: PartitionKey = due date (yyyy-MM-dd), RowKey = "{procedure id}_{time point}". The timer
/// reads the partitions from its last run up to today, so its cost follows what is due, not what was ever registered.
/// </summary>
internal sealed class DueFollowUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClinicId { get; set; } = "";
    public string ProcedureId { get; set; } = "";
    public string TimePoint { get; set; } = "";

    public static DueFollowUpEntity From(RegisteredProcedure p, ScheduledFollowUp f) =>
        From(p.ClinicId, new FollowUpId(p.ProcedureId, f.TimePoint), f.Due);

    public static DueFollowUpEntity From(string clinicId, FollowUpId id, DateOnly due) => new()
    {
        PartitionKey = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RowKey = id.Value,
        ClinicId = clinicId,
        ProcedureId = id.ProcedureId,
        TimePoint = id.TimePoint.Code,
    };
}
