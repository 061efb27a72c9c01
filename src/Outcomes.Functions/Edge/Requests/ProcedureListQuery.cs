using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Outcomes.Domain;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions;

/// <summary>
/// The query string of a clinic's procedure listing, as bound (<c>[AsParameters]</c>): a follow-up's <c>status</c>,
/// <c>timePoint</c> and due date range (<c>dueFrom</c>, <c>dueTo</c>), a <c>patientRef</c>, the <c>pageSize</c> and the
/// <c>continuationToken</c> a previous page gave. <see cref="ToListing"/> names every wrong parameter. Bound through
/// properties, as <see cref="OutcomeReportQuery"/> is.
/// </summary>
public sealed record ProcedureListQuery
{
    [FromQuery(Name = "status")] public string? Status { get; init; }
    [FromQuery(Name = "timePoint")] public string? TimePoint { get; init; }
    [FromQuery(Name = "dueFrom")] public string? DueFrom { get; init; }
    [FromQuery(Name = "dueTo")] public string? DueTo { get; init; }
    [FromQuery(Name = "patientRef")] public string? PatientRef { get; init; }
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }
    [FromQuery(Name = "continuationToken")] public string? ContinuationToken { get; init; }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    internal sealed record Listing(FollowUpFilter Filter, string? PatientRef, int PageSize, string? Continuation);

    /// <summary>The parameters' descriptions for the OpenAPI document (<see cref="QueryDescriptions"/>).</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct) =>
        QueryDescriptions.Apply(operation, Descriptions);

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["status"] = "Procedures with a follow-up in this status: pending, invited, reminded, answered, missed or cancelled",
        ["timePoint"] = "Procedures with a follow-up at this time point: 1w, 1m, 3m, 6m or 12m",
        ["dueFrom"] = "Procedures with a follow-up due on or after this date (yyyy-MM-dd)",
        ["dueTo"] = "Procedures with a follow-up due on or before this date (yyyy-MM-dd)",
        ["patientRef"] = "One patient's procedures (all on one page)",
        ["pageSize"] = $"Procedures per page, 1 to {MaxPageSize} (default {DefaultPageSize})",
        ["continuationToken"] = "The next page: the token the previous page gave, with the same filters",
    };

    internal (Listing? Listing, IReadOnlyList<Rejection> Problems) ToListing()
    {
        var checks = new FieldChecks();
        var status = checks.Code(Status, "status", false, FollowUpStatusCodes.Wire);
        Domain.FollowUps.TimePoint? timePoint = null;
        if (TimePoint is not null)
        {
            (timePoint, var why) = Domain.FollowUps.TimePoint.Parse(TimePoint);
            if (why is not null) checks.Add(why);
        }
        var from = Day(checks, DueFrom, "dueFrom");
        var to = Day(checks, DueTo, "dueTo");
        if (from > to)
            checks.Refuse("dueTo", $"'dueTo' ({to:yyyy-MM-dd}) is before 'dueFrom' ({from:yyyy-MM-dd}).");
        var patientRef = PatientRef?.Trim();
        if (patientRef is not null && checks.Refuse("patientRef", PatientReference.WhyNot(patientRef)))
            patientRef = null;
        int? size = DefaultPageSize;
        if (PageSize is not null && int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            size = checks.Integer(parsed, "pageSize", true, 1, MaxPageSize, "pageSize");
        else if (PageSize is not null)
            checks.Refuse("pageSize", $"'{Rejection.Excerpt(PageSize)}' is not a whole number: give 1 to {MaxPageSize}.");
        if (ContinuationToken is { Length: 0 })
            checks.Refuse("continuationToken", "The continuation token is empty: leave it out for the first page.");
        return checks.HasProblems || size is null
            ? (null, checks.Problems)
            : (new Listing(new FollowUpFilter(status, timePoint, from, to), patientRef, size.Value, ContinuationToken), []);
    }

    private static DateOnly? Day(FieldChecks checks, string? text, string field)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        checks.Refuse(field, $"'{Rejection.Excerpt(text)}' is not a date: use yyyy-MM-dd.");
        return null;
    }
}
