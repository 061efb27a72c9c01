using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Outcomes.Domain.Reports;
using Outcomes.Storage.Tables;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// A clinic's report figures counted again from the rows Outcomes stored (procedures, follow-ups, answers, events), set
/// beside what its tally rows say. Each figure is a named count ("2026-11_vertebroplasty_osteoporotic 1w answered"),
/// so a difference names the cell, the time point and the figure. The recount reads no tally and uses none of the
/// product's counting code.
/// </summary>
internal static class TallyRecount
{
    /// <summary>Every figure that differs, as "figure: tallies say X, the stored rows say Y"; empty when they agree.</summary>
    public static async Task<List<string>> DifferencesAsync(LocalHostProcess host, string clinicId, IEnumerable<string> procedureIds)
    {
        var expected = Recount(await StoredRowsAsync(host, procedureIds));
        var actual = await TalliedAsync(host, clinicId);
        return expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: tallies say {actual.GetValueOrDefault(k)}, the stored rows say {expected.GetValueOrDefault(k)}").ToList();
    }

    private sealed record Procedure(string Id, string PatientRef, DateOnly Date, string Cell, int Levels, int BaselinePain, List<TableEntity> Rows);

    private static async Task<List<Procedure>> StoredRowsAsync(LocalHostProcess host, IEnumerable<string> procedureIds)
    {
        var table = new TableClient(host.StorageConnectionString, "Procedures");
        var procedures = new List<Procedure>();
        foreach (var id in procedureIds)
        {
            var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == id).ToListAsync();
            var record = JsonNode.Parse(rows.Single(r => r.RowKey == ProcedureRows.Procedure(id)).GetString("Record"))!;
            var date = DateOnly.Parse(record["procedureDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var cell = $"{date:yyyy-MM}_{record["procedureType"]!.GetValue<string>()}_{record["etiology"]!.GetValue<string>()}";
            procedures.Add(new Procedure(id, record["patientRef"]!.GetValue<string>(), date, cell, record["levels"]!.AsArray().Count,
                record["baseline"]!["pain"]!.GetValue<int>(), rows));
        }
        return procedures;
    }

    private static Dictionary<string, int> Recount(List<Procedure> procedures)
    {
        var figures = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string figure, int by = 1) => figures[figure] = figures.GetValueOrDefault(figure) + by;
        var answering = new HashSet<(string PatientRef, string TimePoint)>();

        foreach (var p in procedures)
        {
            Add($"{p.Cell} procedures");
            Add($"{p.Cell} vertebrae", p.Levels);
            Add($"{p.Cell} baseline pain {p.BaselinePain}");
            foreach (var followUp in p.Rows.Where(r => r.RowKey.StartsWith(ProcedureRows.Key(p.Id, ProcedureRows.FollowUpKind), StringComparison.Ordinal)))
            {
                var state = followUp.GetString("Status") switch { "invited" or "reminded" => "open", "pending" => null, var s => s };
                if (state is not null)
                    Add($"{p.Cell} {followUp.GetString("TimePoint")} {state}");
                // Cancelled before its window opened (its due date): never due.
                if (state == "cancelled" && string.CompareOrdinal(followUp.GetString("CancelledAsOf"), followUp.GetString("Due")) < 0)
                    Add($"{p.Cell} {followUp.GetString("TimePoint")} never due");
            }
            foreach (var response in p.Rows.Where(r => r.RowKey.StartsWith(ProcedureRows.Key(p.Id, ProcedureRows.ResponseKind), StringComparison.Ordinal)))
            {
                var code = response.RowKey[(response.RowKey.LastIndexOf('-') + 1)..];
                var timePoint = $"{p.Cell} {code}";
                var givenFor = response.GetString("ReceivedFor");
                if (!(response.GetBoolean("Observation") ?? (givenFor == $"{p.Id}_{code}" || !givenFor.EndsWith($"_{code}", StringComparison.Ordinal))))
                    continue;   // the same answer as another procedure's at this time point: one observation, counted there
                answering.Add((p.PatientRef, code));
                var answers = JsonNode.Parse(response.GetString("Answers"))!;
                var pain = answers["pain"]!.GetValue<int>();
                Add($"{timePoint} pain {pain}");
                Add($"{timePoint} change {pain - p.BaselinePain:+0;-0;0}");
                if (answers["medications"] is JsonArray medications)
                {
                    Add($"{timePoint} medication answers");
                    if (medications.Any(m => m!.GetValue<string>() != "none")) Add($"{timePoint} any medication");
                }
                if (answers["newFracture"] is { } fracture)
                {
                    Add($"{timePoint} new-fracture answers");
                    if (fracture.GetValue<string>() == "yes") Add($"{timePoint} new fracture yes");
                }
            }
        }
        foreach (var patient in procedures.GroupBy(p => p.PatientRef))
        {
            var earliest = patient.OrderBy(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal).First();
            Add($"{earliest.Cell} patients");
            Add($"{earliest.Cell} patients on day {earliest.Date.Day}");
            // Died within 30 days after a procedure: the patient once, with the latest such procedure.
            var died = patient.SelectMany(p => p.Rows).Where(r => r.GetString("Type") == "death")
                .Select(r => DateOnly.Parse(r.GetString("Date")!, System.Globalization.CultureInfo.InvariantCulture)).Cast<DateOnly?>().Min();
            if (died is { } day && patient.Where(p => p.Date <= day && day.DayNumber - p.Date.DayNumber <= 30)
                    .OrderBy(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal).LastOrDefault() is { } before)
                Add($"{before.Cell} early deaths on day {before.Date.Day}");
        }
        foreach (var timePoint in answering.GroupBy(a => a.TimePoint))
            Add($"{timePoint.Key} answering patients", timePoint.Count());
        return figures;
    }

    private static async Task<Dictionary<string, int>> TalliedAsync(LocalHostProcess host, string clinicId)
    {
        var table = new TableClient(host.StorageConnectionString, "OutcomeTallies");
        var figures = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string figure, int count)
        {
            if (count != 0) figures[figure] = figures.GetValueOrDefault(figure) + count;
        }
        void AddBins(string figure, int[] bins, Func<int, string> bin)
        {
            for (var i = 0; i < bins.Length; i++) Add($"{figure} {bin(i)}", bins[i]);
        }

        var index = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, OutcomeTallyRows.IndexRow);
        if (!index.HasValue) return figures;
        foreach (var month in OutcomeTallyRows.MonthsOf(index.Value!))
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(clinicId, month);
            if (!row.HasValue) continue;
            foreach (var cell in OutcomeTallyRows.Read(row.Value!))
            {
                var name = cell.Cell.Code;
                Add($"{name} procedures", cell.Cohort.Procedures);
                Add($"{name} vertebrae", cell.Cohort.Vertebrae);
                Add($"{name} patients", cell.Cohort.Patients);
                AddBins($"{name} patients on day", cell.Cohort.PatientsByDay, i => $"{i + 1}");
                AddBins($"{name} early deaths on day", cell.Cohort.EarlyDeathPatientsByDay, i => $"{i + 1}");
                AddBins($"{name} baseline pain", cell.Cohort.BaselinePain, i => $"{i}");
                foreach (var (code, t) in cell.TimePoints)
                {
                    var at = $"{name} {code}";
                    Add($"{at} open", t.Open);
                    Add($"{at} answered", t.Answered);
                    Add($"{at} missed", t.Missed);
                    Add($"{at} cancelled", t.Cancelled);
                    Add($"{at} never due", t.NotDueByDay.Sum());
                    Add($"{code} answering patients", t.Patients);   // each patient once per time point, in whichever cell answered first
                    AddBins($"{at} pain", t.Pain, i => $"{i}");
                    AddBins($"{at} change", t.Change, i => $"{i - TimePointTally.ChangeOffset:+0;-0;0}");
                    Add($"{at} medication answers", t.MedicationAnswers);
                    Add($"{at} any medication", t.AnyMedication);
                    Add($"{at} new-fracture answers", t.NewFractureAnswers);
                    Add($"{at} new fracture yes", t.NewFractureYes);
                }
            }
        }
        return figures;
    }
}
