using Azure;

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

    public async Task<IReadOnlyList<Clinic>> AllAsync(CancellationToken ct)
    {
        var table = await tables.ClinicsAsync(ct);
        var clinics = new List<Clinic>();
        await foreach (var row in table.QueryAsync<ClinicEntity>(filter: "RowKey eq ''", cancellationToken: ct))
            clinics.Add(row.ToDomain());
        return clinics;
    }
}
