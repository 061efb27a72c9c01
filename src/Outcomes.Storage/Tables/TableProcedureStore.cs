using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

internal sealed class TableProcedureStore(OutcomesTables tables, ContactCipher cipher) : IProcedureStore
{
    public async Task RegisterAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct)
    {
        // The indexes first: an index row whose procedure never got written is skipped by its readers, while a
        // procedure without its index rows would never be surveyed (or never stopped).
        var patients = await tables.PatientProceduresAsync(ct);
        await patients.UpsertEntityAsync(PatientProcedureEntity.From(procedure), TableUpdateMode.Replace, ct);
        var due = await tables.FollowUpsDueAsync(ct);
        foreach (var followUp in schedule.Where(f => f.Status == FollowUpStatus.Pending))
            await due.UpsertEntityAsync(DueFollowUpEntity.From(procedure, followUp), TableUpdateMode.Replace, ct);

        var table = await tables.ProceduresAsync(ct);
        var rows = new List<ITableEntity> { ProcedureEntity.From(procedure, cipher) };
        rows.AddRange(schedule.Select(f => FollowUpEntity.From(procedure.ProcedureId, f)));
        await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
    }

    public async Task<ProcedureRecord?> FindAsync(string procedureId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(procedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        var procedure = await table.GetEntityIfExistsAsync<ProcedureEntity>(procedureId, ProcedureEntity.Row, cancellationToken: ct);
        if (!procedure.HasValue)
            return null;
        var followUps = await table.QueryAsync<FollowUpEntity>(e => e.PartitionKey == procedureId
                && e.RowKey.CompareTo(FollowUpEntity.RowPrefix) > 0 && e.RowKey.CompareTo(FollowUpEntity.RowPrefix + "~") < 0, cancellationToken: ct)
            .Select(f => f.ToDomain()).ToListAsync(ct);
        var answers = await table.QueryAsync<ResponseEntity>(e => e.PartitionKey == procedureId
                && e.RowKey.CompareTo(ResponseEntity.RowPrefix) > 0 && e.RowKey.CompareTo(ResponseEntity.RowPrefix + "~") < 0, cancellationToken: ct)
            .ToDictionaryAsync(r => r.RowKey[ResponseEntity.RowPrefix.Length..], r => r.ToDomain(), cancellationToken: ct);
        return new ProcedureRecord(procedure.Value!.ToDomain(cipher), followUps.OrderBy(f => f.FollowUp.Due).ToList(), answers);
    }

    public async Task<IReadOnlyList<string>> ProceduresOfPatientAsync(string clinicId, string patientRef, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return [];
        var patients = await tables.PatientProceduresAsync(ct);
        var key = PatientProcedureEntity.PatientKey(patientRef);
        return await patients.QueryAsync<PatientProcedureEntity>(e => e.PartitionKey == clinicId
                && e.RowKey.CompareTo(key + "_") > 0 && e.RowKey.CompareTo(key + "`") < 0, cancellationToken: ct)
            .Select(e => e.ProcedureId).ToListAsync(ct);
    }

    public async Task<bool> EraseContactAsync(string procedureId, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ProcedureEntity>(procedureId, ProcedureEntity.Row, cancellationToken: ct);
        if (!row.HasValue || row.Value!.Contact is null)
            return false;
        var erased = row.Value;
        erased.Contact = null;
        try
        {
            await table.UpdateEntityAsync(erased, erased.ETag, TableUpdateMode.Replace, ct);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 412) // changed meanwhile: read again and erase that
        {
            return await EraseContactAsync(procedureId, ct);
        }
        return true;
    }
}
