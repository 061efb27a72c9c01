using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

internal sealed class TableFollowUpStore(OutcomesTables tables) : IFollowUpStore
{
    public async IAsyncEnumerable<OutstandingFollowUp> OutstandingAsync(DateOnly dueOnOrBefore, DateOnly actOnOrBefore, [EnumeratorCancellation] CancellationToken ct)
    {
        var due = await tables.FollowUpsDueAsync(ct);
        var (lastDue, firstAct, lastAct) = (DueFollowUpEntity.Partition(dueOnOrBefore, false), DueFollowUpEntity.ActOnPrefix, DueFollowUpEntity.Partition(actOnOrBefore, true));
        // Due dates ("2026-03-01") sort before the put-off days ("act-2026-03-01"): two ranges, neither reads the other.
        var rows = due.QueryAsync<DueFollowUpEntity>(TableClient.CreateQueryFilter($"PartitionKey le {lastDue}"), cancellationToken: ct)
            .Concat(due.QueryAsync<DueFollowUpEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {firstAct} and PartitionKey le {lastAct}"), cancellationToken: ct));
        await foreach (var row in rows)
        {
            if (FollowUpId.TryParse(row.RowKey, out var id) && DueFollowUpEntity.Day(row.PartitionKey) is { } key)
                yield return new OutstandingFollowUp(id, row.ClinicId, key.Day, key.PutOff);
        }
    }

    public async Task RetireAsync(OutstandingFollowUp entry, CancellationToken ct)
    {
        var due = await tables.FollowUpsDueAsync(ct);
        await due.DeleteEntityAsync(DueFollowUpEntity.Partition(entry.Due, entry.ActOn), entry.Id.Value, ETag.All, ct);   // already gone: fine
    }

    public async Task PutOffAsync(OutstandingFollowUp entry, DateOnly actOn, CancellationToken ct)
    {
        if (entry.ActOn && entry.Due == actOn)
            return;
        var due = await tables.FollowUpsDueAsync(ct);
        await due.UpsertEntityAsync(DueFollowUpEntity.From(entry.ClinicId, entry.Id, actOn, putOff: true), TableUpdateMode.Replace, ct);
        await RetireAsync(entry, ct);
    }

    public async Task<TrackedFollowUp?> GetAsync(FollowUpId id, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(id.ProcedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<FollowUpEntity>(id.ProcedureId, ProcedureRows.FollowUp(id.ProcedureId, id.TimePoint), cancellationToken: ct);
        return row.HasValue ? new TrackedFollowUp(id, row.Value!.ToDomain(), row.Value.ETag.ToString(), row.Value.Tally()) : null;
    }

    public async Task<bool> TryUpdateAsync(TrackedFollowUp read, FollowUpRecord changed, AuditEntry recorded, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        var row = FollowUpEntity.Of(read, changed);
        // A final follow-up that changes again (missed or answered, then cancelled by an event dated earlier) was retired
        // from the due index: it goes back in, before and after, so the timer's next round repairs its count if need be.
        var retired = read.Record.Status.IsFinal();
        if (retired)
            await BackInTheDueIndexAsync(read, ct);
        await ClinicFollowUpIndex.EnteringAsync(tables, read, changed.Status, ct);
        while (true)
        {
            try
            {
                await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(read.Version)),
                    new TableTransactionAction(TableTransactionActionType.Add, AuditOf(read.Id, recorded)),
                ], ct);
                if (retired)
                    await BackInTheDueIndexAsync(read, ct);
                await ClinicFollowUpIndex.LeftAsync(tables, read, changed.Status, () => GetAsync(read.Id, ct), ct);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 0 && e.Status is 412 or 404)
            {
                return false;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == 1 && e.Status == 409)
            {
                // The audit entry's key was taken: a fresh one.
            }
        }
    }

    /// <summary>The audit row of a change to the follow-up, in its procedure's partition so that it joins the change's transaction.</summary>
    private static AuditEntity AuditOf(FollowUpId id, AuditEntry recorded)
    {
        var audit = AuditEntity.From(recorded);
        return audit.PartitionKey == id.ProcedureId
            ? audit
            : throw new ArgumentException($"A follow-up's audit entry is about its procedure, not '{recorded.Subject}'.", nameof(recorded));
    }

    public async Task<AnswerRecording> RecordAnswerAsync(TrackedFollowUp read, FollowUpAnswer answer, CancellationToken ct)
    {
        var id = read.Id;
        var table = await tables.ProceduresAsync(ct);
        for (var current = read; ; )
        {
            var status = current.Record.Status;
            switch (current.Record.WhyNotAnswerable(answer.AnsweredOn, clinicToday: null))
            {
                case AnswerRefusal.AlreadyAnswered:
                    return await AnsweredBeforeAsync(current, ct);
                case not null:
                    return new(AnswerOutcome.NotOpen);
            }
            var stored = answer with { Before = status };
            // A final follow-up was retired from the due index: back under its due date first, so the timer's next round
            // settles it again. (An answer's count is written before its delivery is answered, so an open follow-up,
            // however far its next reminder, needs no such entry.)
            if (status.IsFinal())
                await BackInTheDueIndexAsync(current, ct);
            await ClinicFollowUpIndex.EnteringAsync(tables, current, FollowUpStatus.Answered, ct);
            var followUpRow = FollowUpEntity.Of(current, current.Record.Answer(answer.AnsweredOn));
            followUpRow.ETag = new ETag(current.Version);
            try
            {
                await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.Add, ResponseEntity.From(id, stored)),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, followUpRow, followUpRow.ETag),
                ], ct);
                if (status.IsFinal())
                    await BackInTheDueIndexAsync(current, ct);   // again: a timer round may have retired it while this was written
                return new(AnswerOutcome.Recorded, stored, ClinicFollowUpIndex.LeftAsync(tables, current, FollowUpStatus.Answered, () => GetAsync(id, ct), ct));
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
            {
                // Answered since it was read (a redelivery carrying the follow-up as its sender read it, or another
                // delivery at this moment).
                return await AnsweredBeforeAsync(await GetAsync(id, ct) ?? current, ct);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                // The follow-up changed since it was read (a reminder, a cancellation, the same answer): read it again.
                if (await GetAsync(id, ct) is not { } again)
                    return new(AnswerOutcome.NotFound);
                current = again;
            }
        }
    }

    /// <summary>
    /// An answer stored before (a redelivery, a form sent twice), as stored, and the listing index letting go of the status
    /// the follow-up had before it: the delivery that stored it may have ended before doing so, and the answer's row says
    /// what that status was. Its row is deleted only while the follow-up is still answered.
    /// </summary>
    private async Task<AnswerRecording> AnsweredBeforeAsync(TrackedFollowUp current, CancellationToken ct)
    {
        var stored = await FindAnswerAsync(current.Id, ct);
        if (stored?.Before is not { } before || before == FollowUpStatus.Answered || current.Record.Status != FollowUpStatus.Answered)
            return new(AnswerOutcome.AlreadyAnswered, stored);
        var asBefore = current with { Record = current.Record with { FollowUp = current.Record.FollowUp with { Status = before } } };
        return new(AnswerOutcome.AlreadyAnswered, stored,
            ClinicFollowUpIndex.LeftAsync(tables, asBefore, FollowUpStatus.Answered, () => GetAsync(current.Id, ct), ct));
    }

    /// <summary>
    /// A follow-up answered after it was missed or cancelled (or cancelled after it was missed or answered) was retired
    /// from the due index: it goes back in first, so that the timer's next round makes sure its count is right (if this
    /// process ends before counting it) and retires it again.
    /// </summary>
    private async Task BackInTheDueIndexAsync(TrackedFollowUp followUp, CancellationToken ct)
    {
        if (followUp.Tally is not { } tally)
            return;   // a row from before rows kept their clinic: the redelivery's count is its only repair
        var due = await tables.FollowUpsDueAsync(ct);
        await due.UpsertEntityAsync(DueFollowUpEntity.From(tally.ClinicId, followUp.Id, followUp.Record.FollowUp.Due), TableUpdateMode.Replace, ct);
    }

    public string Snapshot(TrackedFollowUp read) => JsonSerializer.Serialize(
        new FollowUpSnapshot(read.Id.Value, read.Version, FollowUpEntity.Of(read, read.Record)));

    public TrackedFollowUp? FromSnapshot(string snapshot)
    {
        try
        {
            return JsonSerializer.Deserialize<FollowUpSnapshot>(snapshot) is { Row: { } row, Version.Length: > 0 } seen && FollowUpId.TryParse(seen.Id, out var id)
                ? new TrackedFollowUp(id, row.ToDomain(), seen.Version, row.Tally())
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or ArgumentException or NullReferenceException)
        {
            return null;
        }
    }

    private sealed record FollowUpSnapshot(string Id, string Version, FollowUpEntity Row);

    public async Task<FollowUpAnswer?> FindAnswerAsync(FollowUpId id, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(id.ProcedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ResponseEntity>(id.ProcedureId, ProcedureRows.Response(id.ProcedureId, id.TimePoint), cancellationToken: ct);
        return row.HasValue ? row.Value!.ToDomain() : null;
    }
}
