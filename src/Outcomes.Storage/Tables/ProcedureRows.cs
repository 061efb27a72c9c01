using Outcomes.Domain.FollowUps;

namespace Outcomes.Storage.Tables;

/// <summary>
/// The RowKeys of table <c>Procedures</c>, one partition per procedure: "{procedure id}_procedure",
/// "{procedure id}_followup-{time point}", "{procedure id}_response-{time point}", "{procedure id}_event-{key}" and
/// "{procedure id}_audit-{…}". Each begins with the procedure's id although the partition already names it: Azurite finds
/// a row by its RowKey first and then walks every row sharing it, so a key every procedure had ("followup-1w") made each
/// read and write cost as much as the table was large. Public so that the benchmarks write exactly what the app writes.
/// </summary>
public static class ProcedureRows
{
    public const string FollowUpKind = "followup-";
    public const string ResponseKind = "response-";
    public const string EventKind = "event-";
    public const string AuditKind = "audit-";

    public static string Procedure(string procedureId) => Key(procedureId, "procedure");

    public static string FollowUp(string procedureId, TimePoint timePoint) => Key(procedureId, FollowUpKind + timePoint.Code);

    public static string Response(string procedureId, TimePoint timePoint) => Key(procedureId, ResponseKind + timePoint.Code);

    public static string Key(string procedureId, string name) => $"{procedureId}_{name}";

    /// <summary>The RowKeys of one kind of row sort strictly between these two.</summary>
    public static (string After, string Before) Range(string procedureId, string kind) => (Key(procedureId, kind), Key(procedureId, kind + "~"));
}
