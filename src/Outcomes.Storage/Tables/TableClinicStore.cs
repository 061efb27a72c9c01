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

    public async Task<string?> TryUpdateAsync(TrackedClinic read, Clinic changed, CancellationToken ct)
    {
        if (changed.ClinicId != read.Clinic.ClinicId)
            throw new ArgumentException($"A clinic keeps its id: {read.Clinic.ClinicId} cannot become {changed.ClinicId}.", nameof(changed));
        var table = await tables.ClinicsAsync(ct);
        try
        {
            var response = await table.UpdateEntityAsync(ClinicEntity.From(changed), new ETag(read.Version), TableUpdateMode.Replace, ct);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404) // changed since it was read, or gone
        {
            return null;
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
