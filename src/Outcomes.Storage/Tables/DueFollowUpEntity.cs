using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>FollowUpsDue</c>: PartitionKey = due date (yyyy-MM-dd) until the follow-up is invited, then the day it next
/// calls for something ("act-yyyy-MM-dd": a reminder, its close); RowKey = "{procedure id}_{time point}". The timer reads
/// the due dates up to a week ahead (to group a patient's invitations) and the put-off days up to today, so its cost
/// follows what has something to do now, not what was ever registered or is waiting for an answer.
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

    public const string ActOnPrefix = "act-";

    public static string Partition(DateOnly day, bool putOff) => (putOff ? ActOnPrefix : "") + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day a partition stands for and whether it is a put-off day; null for a key that is neither.</summary>
    public static (DateOnly Day, bool PutOff)? Day(string partition)
    {
        var putOff = partition.StartsWith(ActOnPrefix, StringComparison.Ordinal);
        return DateOnly.TryParseExact(putOff ? partition[ActOnPrefix.Length..] : partition, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, putOff) : null;
    }

    public static DueFollowUpEntity From(string clinicId, FollowUpId id, DateOnly due, bool putOff = false) => new()
    {
        PartitionKey = Partition(due, putOff),
        RowKey = id.Value,
        ClinicId = clinicId,
        ProcedureId = id.ProcedureId,
        TimePoint = id.TimePoint.Code,
    };
}
