using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

internal sealed class TablePatientEventStore(OutcomesTables tables) : IPatientEventStore
{
    public async Task<(bool Added, RecordedPatientEvent Stored)> AddAsync(RecordedPatientEvent recorded, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(recorded.ProcedureId))
            throw new ArgumentException($"'{recorded.ProcedureId}' is not a procedure id.", nameof(recorded));
        var table = await tables.ProceduresAsync(ct);
        var row = PatientEventEntity.From(recorded);
        try
        {
            await table.AddEntityAsync(row, ct);
            return (true, recorded);
        }
        catch (RequestFailedException e) when (e.Status == 409) // the same event is already recorded
        {
            var existing = await table.GetEntityAsync<PatientEventEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct);
            return (false, existing.Value.ToDomain());
        }
    }

    public async Task<IReadOnlyList<RecordedPatientEvent>> OfProcedureAsync(string procedureId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(procedureId))
            return [];
        var table = await tables.ProceduresAsync(ct);
        var (after, before) = ProcedureRows.Range(procedureId, ProcedureRows.EventKind);
        return await table.QueryAsync<PatientEventEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {procedureId} and RowKey gt {after} and RowKey lt {before}"), cancellationToken: ct)
            .Select(e => e.ToDomain()).ToListAsync(ct);
    }
}
