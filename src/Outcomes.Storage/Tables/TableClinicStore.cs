using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

internal sealed class TableClinicStore(OutcomesTables tables) : IClinicStore
{
    public async Task<StoreOutcome> AddAsync(Clinic clinic, CancellationToken ct)
    {
        var table = await tables.ClinicsAsync(ct);
        try
        {
            await table.AddEntityAsync(ClinicEntity.From(clinic), ct);
            return StoreOutcome.Stored;
        }
        catch (RequestFailedException e) when (e.Status == 409) // the id is taken: keep the clinic that has it
        {
            return StoreOutcome.AlreadyStored;
        }
    }

    public async Task<Clinic?> FindAsync(string clinicId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return null;
        var table = await tables.ClinicsAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ClinicEntity>(clinicId, "", cancellationToken: ct);
        return row.HasValue ? row.Value!.ToDomain() : null;
    }

    public async Task<TrackedClinic?> GetAsync(string clinicId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return null;
        var table = await tables.ClinicsAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ClinicEntity>(clinicId, "", cancellationToken: ct);
        return row.HasValue ? new TrackedClinic(row.Value!.ToDomain(), row.Value.ETag.ToString()) : null;
    }

    public async Task<string?> TryUpdateAsync(TrackedClinic read, Clinic changed, AuditEntry recorded, CancellationToken ct)
    {
        if (changed.ClinicId != read.Clinic.ClinicId)
            throw new ArgumentException($"A clinic keeps its id: {read.Clinic.ClinicId} cannot become {changed.ClinicId}.", nameof(changed));
        if (recorded.Subject != AuditSubjects.Clinic(changed.ClinicId))
            throw new ArgumentException($"A clinic's change is audited on the clinic, not '{recorded.Subject}'.", nameof(recorded));
        var table = await tables.ClinicsAsync(ct);
        // One entity-group transaction: a change written then its entry appended apart could stop in between, and the
        // retry would find the change made (or its ETag moved on, a 412) and never write the entry.
        while (true)
        {
            try
            {
                var response = await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ClinicEntity.From(changed), new ETag(read.Version)),
                    new TableTransactionAction(TableTransactionActionType.Add, AuditEntity.BesideClinic(recorded)),
                ], ct);
                return response.Value[0].Headers.ETag?.ToString();
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 412 or 404) // changed since it was read, or gone
            {
                return null;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status == 409)
            {
                // The audit entry's key was taken: a fresh one.
            }
        }
    }

    public async Task<IReadOnlyList<Clinic>> AllAsync(CancellationToken ct)
    {
        var table = await tables.ClinicsAsync(ct);
        var clinics = new List<Clinic>();
        await foreach (var row in table.QueryAsync<ClinicEntity>(filter: "RowKey eq ''", cancellationToken: ct))
            clinics.Add(row.ToDomain());
        return clinics;
    }
}
