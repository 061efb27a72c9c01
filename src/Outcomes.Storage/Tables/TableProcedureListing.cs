using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Lists a clinic's procedures from its partition of <c>PatientProcedures</c> (every procedure, a patient's side by side)
/// or of <c>ClinicFollowUps</c> (by status, time point and due date), reading each listed procedure by key. An index row
/// is taken only when the procedure it names is this clinic's and, for a follow-up, still has that status. No contact
/// is decrypted: a listing shows which channels are held, never the details (so one it could not read fails no page).
/// </summary>
internal sealed class TableProcedureListing(OutcomesTables tables, ContactCipher cipher, IProcedureStore procedures) : IProcedureListing
{
    public async Task<ProcedurePage> ListAsync(string clinicId, FollowUpFilter filter, string? patientRef, int pageSize, string? continuation, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (!TableKeys.IsSafe(clinicId))
            return new ProcedurePage([], null);
        if (patientRef is not null)
            return continuation is null ? await OfPatientAsync(clinicId, filter, patientRef, ct)
                : throw new InvalidContinuationException("A patient's procedures come on one page: there is no next one.");
        return filter.IsAny
            ? await AllAsync(clinicId, pageSize, continuation is null ? null : ListingContinuation.Parse(continuation, ListingContinuation.AllProcedures, 1), ct)
            : await MatchingAsync(clinicId, filter, pageSize, continuation is null ? null : ListingContinuation.Parse(continuation, ListingContinuation.FollowUps, filter.Order().Count), ct);
    }

    private async Task<ProcedurePage> OfPatientAsync(string clinicId, FollowUpFilter filter, string patientRef, CancellationToken ct)
    {
        var listed = new List<ProcedureRecord>();
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            if (await ReadAsync(procedureId, ct) is { } record && (filter.IsAny || record.FollowUps.Any(f => filter.Matches(f.FollowUp))))
                listed.Add(record);
        return new ProcedurePage([.. listed.OrderBy(r => r.Procedure.Registration.ProcedureDate).ThenBy(r => r.Procedure.ProcedureId, StringComparer.Ordinal)], null);
    }

    private async Task<ProcedurePage> AllAsync(string clinicId, int pageSize, ListingContinuation? from, CancellationToken ct)
    {
        var index = await tables.PatientProceduresAsync(ct);
        var after = from?.After ?? "";
        var listed = new List<ProcedureRecord>();
        await foreach (var row in index.QueryAsync<PatientProcedureEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey gt {after}"),
                           maxPerPage: pageSize, cancellationToken: ct))
        {
            after = row.RowKey;
            if (await ReadAsync(row.ProcedureId, ct) is { } record && record.Procedure.ClinicId == clinicId
                && row.RowKey.StartsWith(PatientProcedureEntity.PatientKey(record.Procedure.Registration.PatientRef) + "_", StringComparison.Ordinal))
                listed.Add(record);
            if (listed.Count == pageSize)
                return new ProcedurePage(listed, new ListingContinuation(ListingContinuation.AllProcedures, 0, after).ToString());
        }
        return new ProcedurePage(listed, null);
    }

    private async Task<ProcedurePage> MatchingAsync(string clinicId, FollowUpFilter filter, int pageSize, ListingContinuation? from, CancellationToken ct)
    {
        var index = await tables.ClinicFollowUpsAsync(ct);
        var order = filter.Order();
        var listed = new List<ProcedureRecord>();
        var examined = 0;
        if (from is not null && !from.After.StartsWith(ClinicFollowUpEntity.Prefix(order[from.Step].Status, order[from.Step].TimePoint), StringComparison.Ordinal))
            throw new InvalidContinuationException("The continuation token was given for other filters: start again without it.");
        for (var step = from?.Step ?? 0; step < order.Count; step++)
        {
            var (status, timePoint) = order[step];
            var prefix = ClinicFollowUpEntity.Prefix(status, timePoint);
            var first = prefix + (filter.DueFrom is { } dueFrom ? FollowUpEntity.Day(dueFrom) : "");
            // The due date is followed by '_' in every key: '`' is the next character, so this bound ends the last day.
            var last = prefix + (filter.DueTo is { } dueTo ? FollowUpEntity.Day(dueTo) + "`" : "~");
            var after = step == from?.Step && string.CompareOrdinal(from.After, first) >= 0 ? from.After : null;
            var rows = after is null
                ? index.QueryAsync<ClinicFollowUpEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey ge {first} and RowKey lt {last}"), maxPerPage: pageSize, cancellationToken: ct)
                : index.QueryAsync<ClinicFollowUpEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey gt {after} and RowKey lt {last}"), maxPerPage: pageSize, cancellationToken: ct);
            await foreach (var row in rows)
            {
                if (await ReadAsync(row.ProcedureId, ct) is { } record && record.Procedure.ClinicId == clinicId
                    && record.FollowUps.FirstOrDefault(f => f.FollowUp.TimePoint == timePoint) is { } live && live.Status == status
                    && filter.FirstMatch(record.FollowUps.Select(f => f.FollowUp))?.TimePoint == timePoint)
                    listed.Add(record);
                // A page ends when it is full, or when it has looked at as many index rows as a full page may cost (rows of
                // procedures listed under an earlier follow-up are passed over), so no one request reads a whole clinic.
                if (listed.Count == pageSize || ++examined == MaxExaminedPerPage(pageSize))
                    return new ProcedurePage(listed, new ListingContinuation(ListingContinuation.FollowUps, step, row.RowKey).ToString());
            }
        }
        return new ProcedurePage(listed, null);
    }

    /// <summary>Each procedure has one follow-up per time point: five index rows a page may pass over for each it lists.</summary>
    private static int MaxExaminedPerPage(int pageSize) => pageSize * 5;

    private Task<ProcedureRecord?> ReadAsync(string procedureId, CancellationToken ct) =>
        TableKeys.IsSafe(procedureId) ? TableProcedureStore.ReadAsync(tables, cipher, procedureId, withAnswers: false, withContact: false, log: null, ct) : Task.FromResult<ProcedureRecord?>(null);
}
