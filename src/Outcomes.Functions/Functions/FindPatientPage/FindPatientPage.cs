using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/procedures (clinic, signed in): find a patient by reference, or page through the clinic's
/// procedures, each with where its surveys stand and a link to its page.
/// </summary>
public static class FindPatientPage
{
    public const string Route = StaffPages.ProceduresPath;
    private const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(FindPatientPage))
        .WithDescription("The clinic's procedures as HTML, by patient reference, behind the dashboard's sign-in.").Produces(StatusCodes.Status200OK, contentType: "text/html");

    internal static async Task<IResult> Handle([FromQuery(Name = "patientRef")] string? patientRef, [FromQuery(Name = "continuationToken")] string? continuationToken,
        Caller.Clinic caller, IProcedureListing listing, CancellationToken ct)
    {
        var reference = string.IsNullOrWhiteSpace(patientRef) ? null : patientRef.Trim();
        if (reference is not null && PatientReference.WhyNot(reference) is { } why)
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, StaffPages.Patients(reference, [], null, why));
        try
        {
            var page = await listing.ListAsync(caller.ClinicId, FollowUpFilter.Any, reference, PageSize, reference is null ? continuationToken : null, ct);
            var next = page.Continuation is { } token ? $"{StaffPages.ProceduresPath}?continuationToken={Uri.EscapeDataString(token)}" : null;
            return DashboardReplies.Html(StatusCodes.Status200OK, StaffPages.Patients(reference, page.Procedures, next));
        }
        catch (InvalidContinuationException)
        {
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, StaffPages.Patients(null, [], null,
                "This page's link is not one the list gave, or is out of date: search again, or open Find a patient for the first page."));
        }
    }
}
