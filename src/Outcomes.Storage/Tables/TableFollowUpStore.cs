using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

internal sealed class TableFollowUpStore(OutcomesTables tables) : IFollowUpStore
{
    public async IAsyncEnumerable<OutstandingFollowUp> OutstandingAsync(DateOnly dueOnOrBefore, [EnumeratorCancellation] CancellationToken ct)
    {
        var due = await tables.FollowUpsDueAsync(ct);
        var last = FollowUpEntity.Day(dueOnOrBefore);
        await foreach (var row in due.QueryAsync<DueFollowUpEntity>(e => e.PartitionKey.CompareTo(last) <= 0, cancellationToken: ct))
        {
            if (FollowUpId.TryParse(row.RowKey, out var id))
                yield return new OutstandingFollowUp(id, row.ClinicId, DateOnly.ParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    public async Task RetireAsync(OutstandingFollowUp entry, CancellationToken ct)
    {
        var due = await tables.FollowUpsDueAsync(ct);
        await due.DeleteEntityAsync(FollowUpEntity.Day(entry.Due), entry.Id.Value, ETag.All, ct);   // already gone: fine
    }

    public async Task<TrackedFollowUp?> GetAsync(FollowUpId id, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(id.ProcedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<FollowUpEntity>(id.ProcedureId, FollowUpEntity.RowPrefix + id.TimePoint.Code, cancellationToken: ct);
        return row.HasValue ? new TrackedFollowUp(id, row.Value!.ToDomain(), row.Value.ETag.ToString()) : null;
    }

    public async Task<bool> TryUpdateAsync(TrackedFollowUp read, FollowUpRecord changed, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        var row = FollowUpEntity.From(read.Id.ProcedureId, read.Record.FollowUp).With(changed);
        try
        {
            await table.UpdateEntityAsync(row, new ETag(read.Version), TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<AnswerOutcome> RecordAnswerAsync(FollowUpId id, FollowUpAnswer answer, CancellationToken ct)
    {
        var table = await tables.ProceduresAsync(ct);
        while (true)
        {
            if (await GetAsync(id, ct) is not { } read)
                return AnswerOutcome.NotFound;
            var status = read.Record.Status;
            switch (read.Record.WhyNotAnswerable(answer.AnsweredOn, clinicToday: null))
            {
                case AnswerRefusal.AlreadyAnswered:
                    return AnswerOutcome.AlreadyAnswered;
                case not null:
                    return AnswerOutcome.NotOpen;
            }
            var answered = read.Record.Answer(answer.AnsweredOn);
            var followUpRow = FollowUpEntity.From(id.ProcedureId, read.Record.FollowUp).With(answered);
            followUpRow.ETag = new ETag(read.Version);
            try
            {
                await table.SubmitTransactionAsync([
                    new TableTransactionAction(TableTransactionActionType.Add, ResponseEntity.From(id, answer with { Before = status })),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, followUpRow, followUpRow.ETag),
                ], ct);
                return AnswerOutcome.Recorded;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                return AnswerOutcome.AlreadyAnswered;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
                // The follow-up changed since it was read (a reminder, a cancellation, the same answer): read it again.
            }
        }
    }

    public async Task<FollowUpAnswer?> FindAnswerAsync(FollowUpId id, CancellationToken ct)
    {
        if (!TableKeys.IsSafe(id.ProcedureId))
            return null;
        var table = await tables.ProceduresAsync(ct);
        var row = await table.GetEntityIfExistsAsync<ResponseEntity>(id.ProcedureId, ResponseEntity.RowFor(id.TimePoint), cancellationToken: ct);
        return row.HasValue ? row.Value!.ToDomain() : null;
    }
}
