using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Outcomes.Domain;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;

namespace Outcomes.Functions;

/// <summary>
/// The query string of the report and the dashboard, as bound (<c>[AsParameters]</c>): <c>procedureType</c>,
/// <c>etiology</c>, <c>from</c>/<c>to</c> (<c>yyyy-MM-dd</c> or <c>yyyy-MM</c>, procedure dates; widened to whole months,
/// as the tallies are kept per procedure month) and <c>clinicId</c>. <see cref="ToFilter"/> names every wrong parameter.
/// Bound through properties rather than a constructor: the Request Delegate Generator writes <c>typeof(string?)</c> for a
/// constructor's nullable parameters, which does not compile (dotnet/aspnetcore#58953).
/// </summary>
public sealed record OutcomeReportQuery
{
    [FromQuery(Name = "procedureType")] public string? ProcedureType { get; init; }
    [FromQuery(Name = "etiology")] public string? Etiology { get; init; }
    [FromQuery(Name = "from")] public string? FromDate { get; init; }
    [FromQuery(Name = "to")] public string? ToDate { get; init; }
    [FromQuery(Name = "clinicId")] public string? ClinicId { get; init; }

    /// <summary>The parameters' descriptions for the OpenAPI document (<see cref="QueryDescriptions"/>).</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct) =>
        QueryDescriptions.Apply(operation, Descriptions);

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["procedureType"] = "vertebroplasty or kyphoplasty",
        ["etiology"] = "osteoporotic, malignant, traumatic or other",
        ["from"] = "First procedure date, yyyy-MM-dd or yyyy-MM: widened to its whole month",
        ["to"] = "Last procedure date, yyyy-MM-dd or yyyy-MM: widened to its whole month",
        ["clinicId"] = "Analysts: one clinic (else all, cross-clinic). A clinic key may give only its own.",
    };

    internal (OutcomeReportFilter? Filter, IReadOnlyList<Rejection> Problems) ToFilter()
    {
        var checks = new FieldChecks();
        var type = checks.Code(ProcedureType, "procedureType", false, ProcedureTypeCodes.Wire);
        var etiology = checks.Code(Etiology, "etiology", false, EtiologyCodes.Wire);
        var from = Month(checks, FromDate, "from");
        var to = Month(checks, ToDate, "to");
        if (from > to)
            checks.Refuse("to", $"'to' ({to:yyyy-MM}) is before 'from' ({from:yyyy-MM}).");
        return checks.HasProblems ? (null, checks.Problems) : (new OutcomeReportFilter(type, etiology, from, to), []);
    }

    /// <summary>The first day of the month <paramref name="text"/> falls in, from <c>yyyy-MM-dd</c> or <c>yyyy-MM</c>.</summary>
    private static DateOnly? Month(FieldChecks checks, string? text, string field)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateOnly(date.Year, date.Month, 1);
        checks.Refuse(field, $"'{Rejection.Excerpt(text)}' is not a date: use yyyy-MM-dd or yyyy-MM (whole months are reported).");
        return null;
    }
}
