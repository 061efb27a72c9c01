using Azure;
using Azure.Data.Tables;

namespace Outcomes.Storage.Tables;

/// <summary>Append-only: this class inserts rows and reads them; it has no code path that updates or deletes one.</summary>
internal sealed class TableAuditTrail(OutcomesTables tables) : IAuditTrail
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        var table = await TableOfAsync(entry.Subject, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await table.AddEntityAsync(AuditEntity.From(entry), ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 3) // a RowKey already taken: take a fresh one
            {
            }
        }
    }

    private Task<TableClient> TableOfAsync(string subject, CancellationToken ct) =>
        AuditEntity.ProcedureOf(subject) is null ? tables.AuditTrailAsync(ct) : tables.ProceduresAsync(ct);

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string subject, CancellationToken ct)
    {
        var table = await TableOfAsync(subject, ct);
        var (partition, prefix) = (AuditEntity.PartitionKeyOf(subject), AuditEntity.RowPrefixOf(subject));
        var rows = table.QueryAsync<AuditEntity>(prefix == ""
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {prefix} and RowKey lt {prefix + "~"}"), cancellationToken: ct);
        var entries = new List<AuditEntry>();
        await foreach (var row in rows)
            entries.Add(row.ToDomain());
        if (AuditEntity.ClinicOf(subject) is { } clinicId)
            return await WithThoseBesideTheClinicAsync(entries, clinicId, ct);
        if (AuditEntity.ProcedureOf(subject) is not { } procedureId)
            return entries;
        // A stored answer is its own audit entry: written once with its follow-up's change, never altered.
        var (after, before) = ProcedureRows.Range(procedureId, ProcedureRows.ResponseKind);
        var answers = await table.QueryAsync<ResponseEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {procedureId} and RowKey gt {after} and RowKey lt {before}"),
            cancellationToken: ct).Select(r => r.ToAuditEntry(subject)).ToListAsync(ct);
        return entries.Select((e, order) => (Entry: e, Kind: 0, order)).Concat(answers.Select((e, order) => (Entry: e, Kind: 1, order)))
            .OrderBy(e => e.Entry.At).ThenBy(e => e.Kind).ThenBy(e => e.order).Select(e => e.Entry).ToList();
    }

    /// <summary>The clinic's entries appended here, and those written with a change of the clinic's row beside it, in time order.</summary>
    private async Task<IReadOnlyList<AuditEntry>> WithThoseBesideTheClinicAsync(List<AuditEntry> appended, string clinicId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return appended;
        var clinics = await tables.ClinicsAsync(ct);
        var (after, before) = (AuditEntity.BesideClinicPrefix, AuditEntity.BesideClinicPrefix + "~");
        var beside = await clinics.QueryAsync<AuditEntity>(e => e.PartitionKey == clinicId && e.RowKey.CompareTo(after) > 0 && e.RowKey.CompareTo(before) < 0,
            cancellationToken: ct).Select(r => r.ToDomain()).ToListAsync(ct);
        return beside.Count == 0 ? appended : [.. appended.Concat(beside).OrderBy(e => e.At)];
    }
}
