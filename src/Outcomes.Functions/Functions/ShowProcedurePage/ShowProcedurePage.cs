using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.FollowUps;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/procedures/{procedureId} (clinic, signed in): a procedure's follow-ups, answers and audit trail as a
/// page, saying so after an answer was entered (<c>?entered=1w</c>) or the procedure registered (<c>?registered=1</c>). Another clinic's is a 404.
/// </summary>
public static class ShowProcedurePage
{
    public const string Route = StaffPages.ProceduresPath + "/{procedureId}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ShowProcedurePage))
        .WithDescription("A procedure as HTML, behind the dashboard's sign-in.").Produces(StatusCodes.Status200OK, contentType: "text/html");

    internal static async Task<IResult> Handle(string procedureId, [FromQuery(Name = "entered")] string? entered, [FromQuery(Name = "registered")] string? registered, Caller.Clinic caller,
        IProcedureStore procedures, IClinicStore clinics, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return DashboardReplies.Html(StatusCodes.Status404NotFound, DashboardReplies.Message("No such procedure", "This clinic has no procedure with that id.", signInLink: false));
        if (entered is not null && !TimePoint.TryParse(entered, out _))
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message("No such survey",
                "This page's link names a survey a procedure does not have. Open the procedure from the worklist or Find a patient.", signInLink: false));
        if (registered is not (null or "1"))
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message("Not a link Outcomes gives",
                "This page's link says something Outcomes never says. Open the procedure from the worklist or Find a patient.", signInLink: false));
        var notice = TimePoint.TryParse(entered, out var timePoint)
            ? $"The {StaffWords.TimePointInWords(timePoint)} answer was entered; it shows here once stored, in a moment."
            : registered == "1" ? $"Registered: the procedure of {record.Procedure.Registration.PatientRef}, with its follow-up surveys below." : null;
        return DashboardReplies.Html(StatusCodes.Status200OK, StaffPages.Procedure(record, await audit.ReadAsync(AuditSubjects.Procedure(procedureId), ct),
            await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), StaffPages.AnswerForm.Empty with { Notice = notice }));
    }
}
