using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;

namespace Outcomes.Storage.Tables;

/// <summary>
/// How table <c>OutcomeTallies</c> is laid out, one partition per clinic:
/// <list type="bullet">
/// <item>a month row (RowKey "yyyy-MM") per procedure month, one property per procedure type and etiology
///   ("vertebroplasty_osteoporotic"), each holding that cell's cohort and time-point tallies as JSON — so a report reads
///   one row per clinic and month, whatever was stored;</item>
/// <item>an index row (RowKey "months") naming the months that have a row, so a report reads them by key, never by a
///   query that would pass the markers;</item>
/// <item>a marker row per counted change (RowKey "~{marker}"), added in the same entity-group transaction as the change,
///   so a change is counted once.</item>
/// </list>
/// Public so that the benchmark writes exactly what the app writes.
/// </summary>
public static class OutcomeTallyRows
{
    public const string IndexRow = "months";
    public const string MonthsProperty = "Months";
    public const string MarkerPrefix = "~";
    private const string CohortPart = "cohort";

    public static string MonthRow(TallyCell cell) => cell.MonthCode;

    public static string CellProperty(TallyCell cell) => $"{cell.ProcedureType.ToWire()}_{cell.Etiology.ToWire()}";

    public static TableEntity Marker(string clinicId, string marker) => new(clinicId, MarkerPrefix + marker);

    public static TableEntity Index(string clinicId, IEnumerable<string> months) =>
        new(clinicId, IndexRow) { [MonthsProperty] = string.Join(",", months.Distinct().Order(StringComparer.Ordinal)) };

    public static IReadOnlyList<string> MonthsOf(TableEntity index) =>
        (index.GetString(MonthsProperty) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The month rows holding these cells (all of one clinic).</summary>
    public static IEnumerable<TableEntity> MonthRows(string clinicId, IEnumerable<CellTallies> cells) =>
        cells.GroupBy(c => c.Cell.MonthCode).Select(month =>
        {
            var row = new TableEntity(clinicId, month.Key);
            foreach (var cell in month)
                row[CellProperty(cell.Cell)] = Write(cell);
            return row;
        });

    public static string Write(CellTallies cell)
    {
        var json = new JsonObject { [CohortPart] = JsonSerializer.SerializeToNode(cell.Cohort) };
        foreach (var (code, tally) in cell.TimePoints)
            json[code] = JsonSerializer.SerializeToNode(tally);
        return json.ToJsonString();
    }

    /// <summary>The cells of a month row.</summary>
    public static IEnumerable<CellTallies> Read(TableEntity monthRow)
    {
        if (!DateOnly.TryParseExact(monthRow.RowKey + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            yield break;
        foreach (var (name, value) in monthRow)
        {
            if (value is not string text || !TallyCell.TryParse($"{monthRow.RowKey}_{name}", out var cell)) continue;
            yield return ReadCell(monthRow.PartitionKey, cell, text);
        }
    }

    public static CellTallies ReadCell(string clinicId, TallyCell cell, string? json)
    {
        var node = json is null ? new JsonObject() : JsonNode.Parse(json)!.AsObject();
        var cohort = node[CohortPart]?.Deserialize<CohortTally>() ?? new CohortTally();
        var timePoints = new Dictionary<string, TimePointTally>();
        foreach (var timePoint in TimePoint.All)
            if (node[timePoint.Code] is { } tally)
                timePoints[timePoint.Code] = tally.Deserialize<TimePointTally>()!;
        return new CellTallies(clinicId, cell, cohort, timePoints);
    }
}
