using Azure;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>Keeps <see cref="ClinicFollowUpEntity"/> rows beside the follow-ups: the row for a status is written before the follow-up takes it, and the old one deleted after.</summary>
internal static class ClinicFollowUpIndex
{
    /// <summary>A new procedure's follow-ups under their first status, in one request.</summary>
    public static async Task RegisteredAsync(OutcomesTables tables, string clinicId, string procedureId, IEnumerable<ScheduledFollowUp> schedule, CancellationToken ct)
    {
        var index = await tables.ClinicFollowUpsAsync(ct);
        await index.SubmitTransactionAsync(
            schedule.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ClinicFollowUpEntity.From(clinicId, procedureId, f))), ct);
    }

    public static async Task EnteringAsync(OutcomesTables tables, TrackedFollowUp followUp, FollowUpStatus status, CancellationToken ct)
    {
        if (followUp.Tally?.ClinicId is not { } clinicId || followUp.Record.Status == status)
            return;   // a row from before rows kept their clinic is not indexed
        var index = await tables.ClinicFollowUpsAsync(ct);
        await index.UpsertEntityAsync(ClinicFollowUpEntity.From(clinicId, followUp.Id.ProcedureId, followUp.Record.FollowUp, status), TableUpdateMode.Replace, ct);
    }

    /// <summary>
    /// The follow-up changed from the status it was read at: its row under that status goes. A final status can come back
    /// (answered, cancelled by an event dated earlier, answered again by the event's day): leaving one, the new status's
    /// row is written again first (a change the other way may have deleted it meanwhile), and when the old status has
    /// come back meanwhile, its row is put back. Best effort once the change is written: a row left behind is passed over
    /// by the listing, which reads the follow-up itself.
    /// </summary>
    public static async Task LeftAsync(OutcomesTables tables, TrackedFollowUp followUp, FollowUpStatus now, Func<Task<TrackedFollowUp?>> readAgain, CancellationToken ct)
    {
        var left = followUp.Record.Status;
        if (followUp.Tally?.ClinicId is not { } clinicId || left == now)
            return;
        try
        {
            var index = await tables.ClinicFollowUpsAsync(ct);
            if (left.IsFinal())
                await index.UpsertEntityAsync(ClinicFollowUpEntity.From(clinicId, followUp.Id.ProcedureId, followUp.Record.FollowUp, now), TableUpdateMode.Replace, ct);
            var row = ClinicFollowUpEntity.From(clinicId, followUp.Id.ProcedureId, followUp.Record.FollowUp);
            await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);   // gone already: fine
            if (left.IsFinal() && await readAgain() is { } again && again.Record.Status == left)
                await index.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException)
        {
            // The follow-up's change is written; its old index row stays behind, which the listing passes over.
        }
    }
}
