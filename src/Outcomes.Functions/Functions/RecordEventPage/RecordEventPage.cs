using System.Text;
using Outcomes.Domain;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Patients;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/dashboard/procedures/{procedureId}/events (clinic, signed in): the procedure page's form for a death,
/// withdrawal, opt-out or new fracture, by the same rules as <see cref="RecordPatientEvent"/>. Recorded: back to the
/// procedure's page (303) saying what it did. Sent again (a double click, a resend): kept once, and also back to the
/// page (303), which says it was already recorded, when and by whom: nothing went wrong, so nothing invites another
/// try. Refused: the page again with every wrong field named, and nothing stored.
/// </summary>
public static class RecordEventPage
{
    public const string Route = StaffPages.ProceduresPath + "/{procedureId}/events";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RecordEventPage)).RequireSameOrigin()
        .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
        .WithDescription("The procedure page's event form; behind the dashboard's sign-in.").Produces(StatusCodes.Status303SeeOther);

    internal static async Task<IResult> Handle(string procedureId, Caller.Clinic caller, IProcedureStore procedures, IClinicStore clinics, IAuditTrail audit,
        IPatientEventStore events, PatientEventRecording recording, HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return DashboardReplies.Html(StatusCodes.Status404NotFound, DashboardReplies.Message("No such procedure", "This clinic has no procedure with that id.", signInLink: false));
        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, ct);
        var fields = tooLarge is null ? SurveyForm.ParseUrlEncoded(Encoding.UTF8.GetString(bytes)) : [];
        var today = await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct);
        IReadOnlyList<Rejection> problems = [Rejection.Invalid(EventForm.TypeField, "The form sent was far larger than this form: send it again from the page.")];
        if (tooLarge is null)
        {
            var (sent, unreadable) = EventForm.Read(fields);
            if (unreadable.Count > 0)   // the rules' verdict on the rest too, so every wrong field is named at once
                problems = [.. unreadable, .. sent.ToEvent(record.Procedure.Registration.ProcedureDate, today).Problems];
            else
            {
                var outcome = await recording.RecordAsync(caller, record, sent, ct);
                if (outcome.Recorded is { } recorded)
                    return DashboardReplies.SeeOther(EventForm.NoticePath(procedureId, recorded.EventId, again: false));
                problems = outcome.Rejections;
                if (outcome.AlreadyRecorded is { } earlier)
                {
                    // The same event sent again (a double click, a resend) is no failure; another day for it is: the form
                    // comes back with its values, saying which event stands, rather than a notice that hides the difference.
                    if (outcome.SentAgain)
                        return DashboardReplies.SeeOther(EventForm.NoticePath(procedureId, earlier.EventId, again: true));
                    problems = [Rejection.Invalid(EventForm.DateField, EventWords.RecordedOnAnotherDay(earlier, procedureId))];
                }
            }
        }
        var form = new EventForm(await events.OfProcedureAsync(procedureId, ct), fields, EventForm.ErrorsOf(problems));
        return DashboardReplies.Html(StatusCodes.Status400BadRequest, StaffPages.Procedure(record, await audit.ReadAsync(AuditSubjects.Procedure(procedureId), ct),
            today, StaffPages.AnswerForm.Empty, form));
    }
}
