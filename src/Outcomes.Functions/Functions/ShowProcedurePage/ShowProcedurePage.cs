using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain.FollowUps;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/dashboard/procedures/{procedureId} (clinic, signed in): a procedure's follow-ups, answers, recorded events and
/// audit trail as a page, with a notice after the procedure was registered, an answer entered or an event recorded.
/// Another clinic's is a 404.
/// </summary>
public static class ShowProcedurePage
{
    public const string Route = StaffPages.ProceduresPath + "/{procedureId}";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(ShowProcedurePage))
        .WithDescription("A procedure as HTML, behind the dashboard's sign-in.").Produces(StatusCodes.Status200OK, contentType: "text/html");

    internal static async Task<IResult> Handle(string procedureId, [FromQuery(Name = "entered")] string? entered, [FromQuery(Name = "registered")] string? registered,
        [FromQuery(Name = EventForm.RecordedQuery)] string? recorded, [FromQuery(Name = EventForm.AlreadyRecordedQuery)] string? alreadyRecorded, Caller.Clinic caller,
        IProcedureStore procedures, IClinicStore clinics, IAuditTrail audit, IPatientEventStore events, PatientEventRecording recording, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return DashboardReplies.Html(StatusCodes.Status404NotFound, DashboardReplies.Message("No such procedure", "This clinic has no procedure with that id.", signInLink: false));
        if (entered is not null && !TimePoint.TryParse(entered, out _))
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message("No such survey",
                "This page's link names a survey a procedure does not have. Open the procedure from the worklist or Find a patient.", signInLink: false));
        if (registered is not (null or "1"))
            return DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message("Not a link Outcomes gives",
                "This page's link says something Outcomes never says. Open the procedure from the worklist or Find a patient.", signInLink: false));
        var trail = await audit.ReadAsync(AuditSubjects.Procedure(procedureId), ct);
        var ofProcedure = await events.OfProcedureAsync(procedureId, ct);
        var notice = TimePoint.TryParse(entered, out var timePoint)
            ? $"The {StaffWords.TimePointInWords(timePoint)} answer was entered; it shows here once stored, in a moment."
            : registered == "1" ? $"Registered: the procedure of {record.Procedure.Registration.PatientRef}, with its follow-up surveys below." : null;
        if ((recorded ?? alreadyRecorded) is { } link)
        {
            // The link names the event by id: the page says what is stored, never what a link claims.
            var named = Guid.TryParseExact(link, "N", out var eventId)
                ? ofProcedure.FirstOrDefault(e => e.EventId == eventId)
                    ?? (recorded is null ? await recording.FindOfPatientAsync(caller.ClinicId, record.Procedure.Registration.PatientRef, eventId, ct) : null)
                : null;
            if (named is null)
                return DashboardReplies.Html(StatusCodes.Status400BadRequest, DashboardReplies.Message("No such event",
                    "This page's link names an event not recorded for this patient. Open the procedure from the worklist or Find a patient.", signInLink: false));
            notice = recorded is not null ? EventWords.Recorded(named, trail) : EventWords.AlreadyRecorded(named, procedureId);
        }
        return DashboardReplies.Html(StatusCodes.Status200OK, StaffPages.Procedure(record, trail,
            await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), StaffPages.AnswerForm.Empty with { Notice = notice }, EventForm.Of(ofProcedure)));
    }
}
