using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>OutcomeTallies</c>, one partition per clinic: tally rows (RowKey "{cell}_{cohort|time point}", the cell code
/// starting with its month, so a date filter is a key range) and, after them, the markers of the changes applied
/// (RowKey "~{marker}"). A change adds its marker and updates its tally row in one entity-group transaction.
/// </summary>
internal sealed class TallyEntity : ITableEntity
{
    public const string CohortPart = "cohort";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The tally as JSON (a few hundred bytes).</summary>
    public string Tally { get; set; } = "";
}

internal sealed class TallyMarkerEntity : ITableEntity
{
    public const string Prefix = "~";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
