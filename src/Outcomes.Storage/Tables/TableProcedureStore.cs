using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

internal sealed class TableProcedureStore(OutcomesTables tables, ContactCipher cipher, ILogger<TableProcedureStore>? log = null) : IProcedureStore
{
    public async Task<bool> RegisterAsync(RegisteredProcedure procedure, IReadOnlyList<ScheduledFollowUp> schedule, CancellationToken ct, AuditEntry? registered = null)
    {
        // The indexes first: an index row whose procedure never got written is skipped by its readers, while a
        // procedure without its index rows would never be surveyed (or never stopped, or never counted).
        var procedures = await tables.ProceduresAsync(ct);
        if ((await procedures.GetEntityIfExistsAsync<ProcedureEntity>(procedure.ProcedureId, ProcedureRows.Procedure(procedure.ProcedureId),
                [nameof(ITableEntity.RowKey)], ct)).HasValue)
            return false;
        await (await tables.RegistrationsUnfinishedAsync(ct)).UpsertEntityAsync(UnfinishedRegistrationEntity.From(procedure), TableUpdateMode.Replace, ct);
        var patients = await tables.PatientProceduresAsync(ct);
        await patients.UpsertEntityAsync(PatientProcedureEntity.From(procedure), TableUpdateMode.Replace, ct);
        if (procedure.Registration.Contact.Phone is { } phone && cipher.PhoneLookupKey(phone) is { } lookupKey)
            await (await tables.PatientPhonesAsync(ct)).UpsertEntityAsync(PatientPhoneEntity.From(lookupKey, procedure), TableUpdateMode.Replace, ct);
        var due = await tables.FollowUpsDueAsync(ct);
        foreach (var followUp in schedule.Where(f => f.Status == FollowUpStatus.Pending))
            await due.UpsertEntityAsync(DueFollowUpEntity.From(procedure, followUp), TableUpdateMode.Replace, ct);
        if (schedule.Count > 0)
            await ClinicFollowUpIndex.RegisteredAsync(tables, procedure.ClinicId, procedure.ProcedureId, schedule, ct);

        var rows = new List<ITableEntity> { ProcedureEntity.From(procedure, cipher) };
        rows.AddRange(schedule.Select(f => FollowUpEntity.From(procedure.ProcedureId, f, procedure.TallyKey)));
        if (registered is not null && AuditEntity.From(registered) is var audit)
            rows.Add(audit.PartitionKey == procedure.ProcedureId ? audit
                : throw new ArgumentException($"A procedure's registration is audited on the procedure, not '{registered.Subject}'.", nameof(registered)));
        try
        {
            await procedures.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;   // the same registration, sent twice at once: the other request stored it
        }
    }

    public async Task RegistrationFinishedAsync(string procedureId, CancellationToken ct)
    {
        if (TableKeys.IsSafe(procedureId))
            await (await tables.RegistrationsUnfinishedAsync(ct)).DeleteEntityAsync(UnfinishedRegistrationEntity.Partition, procedureId, ETag.All, ct);   // gone already: fine
    }

    public async Task<bool> IsRegistrationUnfinishedAsync(string procedureId, CancellationToken ct) =>
        TableKeys.IsSafe(procedureId) && (await (await tables.RegistrationsUnfinishedAsync(ct))
            .GetEntityIfExistsAsync<UnfinishedRegistrationEntity>(UnfinishedRegistrationEntity.Partition, procedureId, cancellationToken: ct)).HasValue;

    public async Task<IReadOnlyList<UnfinishedRegistration>> UnfinishedRegistrationsAsync(DateTimeOffset before, CancellationToken ct) =>
        await (await tables.RegistrationsUnfinishedAsync(ct))
            .QueryAsync<UnfinishedRegistrationEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {UnfinishedRegistrationEntity.Partition} and RegisteredAt lt {before}"), cancellationToken: ct)
            .Select(e => new UnfinishedRegistration(e.RowKey, e.ETag.ToString())).ToListAsync(ct);

    public async Task RegistrationAbandonedAsync(UnfinishedRegistration registration, CancellationToken ct)
    {
        try
        {
            await (await tables.RegistrationsUnfinishedAsync(ct)).DeleteEntityAsync(UnfinishedRegistrationEntity.Partition, registration.ProcedureId,
                new ETag(registration.Version), ct);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // A retry listed it again meanwhile: it is that retry's to finish, or the next round's.
        }
    }

    public async Task<ProcedureRecord?> FindAsync(string procedureId, CancellationToken ct, bool withContact = true) =>
        TableKeys.IsSafe(procedureId) ? await ReadAsync(tables, cipher, procedureId, withAnswers: true, withContact, log, ct) : null;

    public async Task<RegisteredProcedure?> FindRegisteredAsync(string procedureId, CancellationToken ct, bool withContact = true) =>
        TableKeys.IsSafe(procedureId) && await ProcedureRowAsync(await tables.ProceduresAsync(ct), procedureId, ct) is { } row
            ? row.ToDomain(cipher, decrypt: withContact, log)
            : null;

    public async Task<AnsweredProcedure?> FindAnswersAsync(string procedureId, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(procedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        return await ProcedureRowAsync(table, procedureId, ct) is { } row
            ? new AnsweredProcedure(row.ToDomain(cipher, decrypt: false, log), await AnswersAsync(table, procedureId, ct))
            : null;
    }

    private static async Task<ProcedureEntity?> ProcedureRowAsync(TableClient table, string procedureId, CancellationToken ct) =>
        await table.GetEntityIfExistsAsync<ProcedureEntity>(procedureId, ProcedureRows.Procedure(procedureId), cancellationToken: ct) is { HasValue: true } found
            ? found.Value
            : null;

    private static async Task<Dictionary<string, FollowUpAnswer>> AnswersAsync(TableClient table, string procedureId, CancellationToken ct)
    {
        var (answersAfter, answersBefore) = ProcedureRows.Range(procedureId, ProcedureRows.ResponseKind);
        return await table.QueryAsync<ResponseEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {procedureId} and RowKey gt {answersAfter} and RowKey lt {answersBefore}"), cancellationToken: ct)
            .ToDictionaryAsync(r => r.RowKey[answersAfter.Length..], r => r.ToDomain(), cancellationToken: ct);
    }

    /// <summary>The procedure, its follow-ups and (when asked) its answers and decrypted contact; null when the procedure row is not there.</summary>
    internal static async Task<ProcedureRecord?> ReadAsync(OutcomesTables tables, ContactCipher cipher, string procedureId, bool withAnswers, bool withContact,
        ILogger? log, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        if (await ProcedureRowAsync(table, procedureId, ct) is not { } procedure)
            return null;
        var (followUpsAfter, followUpsBefore) = ProcedureRows.Range(procedureId, ProcedureRows.FollowUpKind);
        var followUps = await table.QueryAsync<FollowUpEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {procedureId} and RowKey gt {followUpsAfter} and RowKey lt {followUpsBefore}"), cancellationToken: ct)
            .Select(f => f.ToDomain()).ToListAsync(ct);
        var registered = procedure.ToDomain(cipher, decrypt: withContact, log);
        if (!withAnswers)
            return new ProcedureRecord(registered, followUps.OrderBy(f => f.FollowUp.Due).ToList());
        return new ProcedureRecord(registered, followUps.OrderBy(f => f.FollowUp.Due).ToList(), await AnswersAsync(table, procedureId, ct));
    }

    public async Task<IReadOnlyList<string>> ProceduresOfPatientAsync(string clinicId, string patientRef, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(clinicId))
            return [];
        var patients = await tables.PatientProceduresAsync(ct);
        var key = PatientProcedureEntity.PatientKey(patientRef);
        var indexed = await patients.QueryAsync<PatientProcedureEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {clinicId} and RowKey gt {key + "_"} and RowKey lt {key + "`"}"), cancellationToken: ct)
            .Select(e => e.ProcedureId).ToListAsync(ct);
        // Checked against the procedure itself: an index row whose registration never got stored, or whose id (derived
        // from an idempotency key) was then stored for another patient, names nobody's procedure of this patient.
        var procedures = await tables.ProceduresAsync(ct);
        var found = new List<string>();
        foreach (var procedureId in indexed)
        {
            var row = await procedures.GetEntityIfExistsAsync<ProcedureEntity>(procedureId, ProcedureRows.Procedure(procedureId), cancellationToken: ct);
            if (row.HasValue && row.Value!.ToDomain(cipher, decrypt: false) is { } stored && stored.ClinicId == clinicId && stored.Registration.PatientRef == patientRef)
                found.Add(procedureId);
        }
        return found;
    }

    public async Task<IReadOnlyList<(string ProcedureId, string ClinicId)>> ProceduresWithPhoneAsync(string phone, CancellationToken ct)
    {
        var digits = ContactCipher.PhoneDigits(phone);
        var phones = await tables.PatientPhonesAsync(ct);
        var procedures = await tables.ProceduresAsync(ct);
        var found = new List<(string ProcedureId, string ClinicId)>();
        foreach (var lookupKey in cipher.PhoneLookupKeys(phone))
            await foreach (var row in phones.QueryAsync<PatientPhoneEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {lookupKey}"), cancellationToken: ct))
            {
                if (found.Exists(f => f.ProcedureId == row.RowKey))
                    continue;
                // The row may outlive a registration that failed after it was written: the procedure's own contact decides
                // (one that cannot be read cannot confirm it).
                var procedure = await procedures.GetEntityIfExistsAsync<ProcedureEntity>(row.RowKey, ProcedureRows.Procedure(row.RowKey), cancellationToken: ct);
                if (procedure.HasValue && procedure.Value!.ToDomain(cipher, decrypt: true, log) is { ContactHeld.Decrypted: true } stored
                    && ContactCipher.PhoneDigits(stored.Registration.Contact.Phone) == digits)
                    found.Add((row.RowKey, procedure.Value.ClinicId));
            }
        return found;
    }

    private async Task ForgetPhoneAsync(string procedureId, ProcedureEntity row, CancellationToken ct)
    {
        string? phone;
        try
        {
            phone = row.Contact is null ? null : cipher.Decrypt(row.Contact, row.Language).Phone;
        }
        catch (System.Security.Cryptography.CryptographicException)   // sealed under a key no longer configured: its lookup key cannot be found either
        {
            return;
        }
        if (phone is null)
            return;
        var phones = await tables.PatientPhonesAsync(ct);
        foreach (var lookupKey in cipher.PhoneLookupKeys(phone))
            await phones.DeleteEntityAsync(lookupKey, procedureId, Azure.ETag.All, ct);   // a row that is not there is no error
    }

    public async Task<bool> EraseContactAsync(string procedureId, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ProcedureEntity>(procedureId, ProcedureRows.Procedure(procedureId), cancellationToken: ct);
        if (!row.HasValue || row.Value!.Contact is null)
            return false;
        await ForgetPhoneAsync(procedureId, row.Value, ct);   // first: once the contact is gone, its lookup key cannot be computed
        var erased = row.Value;
        (erased.Contact, erased.HasEmail, erased.HasPhone) = (null, false, false);
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
