using System.Globalization;
using Azure.Data.Tables;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>
/// Counts each patient once per clinic, in the cell of their earliest procedure (<see cref="PatientCell"/>). A row per
/// patient in the clinic's tally partition (RowKey "~" and the <see cref="PatientKey"/>) says where the patient is
/// counted; counting them there, or moving them there from a later procedure's cell, is one transaction with that row,
/// conditional on the versions read, so registrations at the same instant count the patient once.
/// </summary>
internal static class PatientTally
{
    private const int MaxAttempts = 30;

    public static async Task CountAsync(TableClient table, string clinicId, string patientRef, PatientCell candidate, CancellationToken ct)
    {
        var rowKey = OutcomeTallyRows.MarkerPrefix + PatientKey.Of(clinicId, patientRef);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, rowKey, cancellationToken: ct);
            var current = existing.HasValue ? Read(existing.Value!) : null;
            if (current is not null && !candidate.ComesBefore(current))
                return;   // counted where it belongs already (this procedure again, or an earlier one)

            var months = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await MoveAsync(candidate, +1);
            if (current is not null)
                await MoveAsync(current, -1);
            var actions = months.Values.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)).ToList();
            var patient = new TableEntity(clinicId, rowKey)
            {
                ["Cell"] = candidate.Cell.Code,
                ["ProcedureDate"] = candidate.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ProcedureId"] = candidate.ProcedureId,
            };
            actions.Add(existing.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, patient, existing.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, patient));
            try
            {
                await table.SubmitTransactionAsync(actions, ct);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another registration of the patient, or another change to these cells (a clinic uploading many
                // registrations at once), came first: decide again, after a random pause that grows, so that writers
                // racing for one month's row take turns instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 5 << Math.Min(attempt, 5)), ct);
            }

            async Task MoveAsync(PatientCell where, int by)
            {
                var cell = where.Cell;
                if (!months.TryGetValue(cell.MonthCode, out var row))
                {
                    var found = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, cell.MonthCode, cancellationToken: ct);
                    row = found.HasValue ? found.Value! : throw new InvalidOperationException(
                        $"The tally row of {cell.MonthCode} for clinic {clinicId} is missing: the procedure is counted before its patient.");
                    months[cell.MonthCode] = row;
                }
                var property = OutcomeTallyRows.CellProperty(cell);
                var tallies = OutcomeTallyRows.ReadCell(clinicId, cell, row.GetString(property));
                tallies.Cohort.MovePatient(where.ProcedureDate, by);
                row[property] = OutcomeTallyRows.Write(tallies);
            }
        }
        throw new TallyContentionException($"The patient's cell at clinic {clinicId} kept changing for {MaxAttempts} attempts.");
    }

    private static PatientCell? Read(TableEntity row) =>
        row.GetString("Cell") is { } code && TallyCell.TryParse(code, out var cell)
        && DateOnly.TryParseExact(row.GetString("ProcedureDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && row.GetString("ProcedureId") is { } id
            ? new PatientCell(cell, date, id)
            : null;
}
