using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

internal sealed class TablePatientEventStore(OutcomesTables tables) : IPatientEventStore
{
    public async Task<(bool Added, RecordedPatientEvent Stored)> AddAsync(RecordedPatientEvent recorded, AuditEntry audited, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(recorded.ProcedureId))
            throw new ArgumentException($"'{recorded.ProcedureId}' is not a procedure id.", nameof(recorded));
        if (audited.Subject != AuditSubjects.Procedure(recorded.ProcedureId))
            throw new ArgumentException($"An event is audited on its procedure, not '{audited.Subject}'.", nameof(audited));
        var table = await tables.ProceduresAsync(ct);
        var row = PatientEventEntity.From(recorded);
        // One entity-group transaction (both rows are in the procedure's partition): an event stored and its entry
        // appended apart could stop in between, and the repeat would find the event recorded and never write the entry.
        while (true)
        {
            try
            {
                await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.Add, row),
                    new TableTransactionAction(TableTransactionActionType.Add, AuditEntity.From(audited)),
                ], ct);
                return (true, recorded);
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status == 409) // the same event is already recorded
            {
                var existing = await table.GetEntityAsync<PatientEventEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct);
                return (false, existing.Value.ToDomain());
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status == 409)
            {
                // The audit entry's key was taken: a fresh one.
            }
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
