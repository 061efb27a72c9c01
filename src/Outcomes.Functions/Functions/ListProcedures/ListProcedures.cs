using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/procedures (clinic): the clinic's own procedures with where each follow-up stands, filtered by a follow-up's
/// status, time point and due dates or by patient, a page at a time. The next page is named by <c>continuationToken</c>
/// and <c>next</c> in the body and by a <c>Link: rel="next"</c> header; <c>Accept: text/csv</c> gives the page as CSV.
/// </summary>
public static class ListProcedures
{
    public const string Route = "/api/procedures";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ListProcedures))
        .AddOpenApiOperationTransformer(ProcedureListQuery.Describe).AddOpenApiOperationTransformer(CsvNegotiation.DescribeCsv)
        .WithDescription("The clinic's procedures, a page at a time; with Accept: text/csv the page as CSV, one row per procedure.")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<JsonObject>, ContentHttpResult, ProblemHttpResult>> Handle(
        [AsParameters] ProcedureListQuery query, Caller.Clinic caller, HttpContext http, IProcedureListing listing, CancellationToken ct)
    {
        var (asked, why) = query.ToListing();
        if (asked is null)
            return Problems.InvalidInputs(why);
        ProcedurePage page;
        try
        {
            page = await listing.ListAsync(caller.ClinicId, asked.Filter, asked.PatientRef, asked.PageSize, asked.Continuation, ct);
        }
        catch (InvalidContinuationException e)
        {
            return Problems.InvalidInput(Rejection.Invalid("continuationToken", e.Message));
        }
        var next = page.Continuation is { } token ? NextPage(http.Request, token) : null;
        http.Response.Headers.Vary = HeaderNames.Accept;
        if (next is not null)
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        if (CsvNegotiation.WantsCsv(http.Request))
            return TypedResults.Text(ProcedureListCsv.Write(page.Procedures), "text/csv", Encoding.UTF8);
        return TypedResults.Ok(new JsonObject
        {
            ["procedures"] = new JsonArray([.. page.Procedures.Select(ProcedureView.Listed)]),
            ["continuationToken"] = page.Continuation,
            ["next"] = next,
        });
    }

    /// <summary>This request's path and query with the next page's token in place of any it had.</summary>
    private static string NextPage(HttpRequest request, string token)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "continuationToken").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "continuationToken", token },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
