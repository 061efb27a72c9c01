using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Table <c>RegistrationsUnfinished</c>: PartitionKey = <see cref="Partition"/>, RowKey = procedure id. Written at
/// registration before the procedure, deleted once the procedure is counted in the report's tallies (and a remembered
/// opt-out honoured). A row that stays is a registration whose request stopped in between; the timer finishes it.
/// </summary>
internal sealed class UnfinishedRegistrationEntity : ITableEntity
{
    public const string Partition = "unfinished";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public static UnfinishedRegistrationEntity From(RegisteredProcedure p) => new() { RowKey = p.ProcedureId, RegisteredAt = p.RegisteredAt };
}
