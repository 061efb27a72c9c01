using System.Globalization;
using System.Text;
using Outcomes.Domain;
using Outcomes.Domain.FollowUps;
using Outcomes.Functions.Dashboard;
using Outcomes.Functions.Patients;
using Outcomes.Functions.Staff;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/dashboard/procedures/{procedureId}/responses (clinic, signed in): the procedure page's form for an answer
/// taken by phone or on paper; the same rules and queue as <see cref="EnterClinicResponse"/>. Entered: back to the
/// procedure's page (303) saying so; refused: the page again with every wrong field named, and nothing queued.
/// </summary>
public static class EnterAnswerPage
{
    public const string Route = StaffPages.ProceduresPath + "/{procedureId}/responses";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(EnterAnswerPage)).RequireSameOrigin()
        .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
        .WithDescription("The procedure page's answer form; behind the dashboard's sign-in.").Produces(StatusCodes.Status303SeeOther);

    internal static async Task<IResult> Handle(string procedureId, Caller.Clinic caller, IProcedureStore procedures, IClinicStore clinics, IAuditTrail audit,
        IPatientEventStore events, ClinicAnswerEntry entry, FunctionOutputs outputs, HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return DashboardReplies.Html(StatusCodes.Status404NotFound, DashboardReplies.Message("No such procedure", "This clinic has no procedure with that id.", signInLink: false));
        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, ct);
        var fields = tooLarge is null ? SurveyForm.ParseUrlEncoded(Encoding.UTF8.GetString(bytes)) : [];
        var errors = new List<Rejection>();
        if (tooLarge is not null)
            errors.Add(Rejection.Invalid("timePoint", "The form sent was far larger than this form: send it again from the page."));
        var (timePoint, why) = TimePoint.Parse(fields.FirstOrDefault(f => f.Key == "timePoint").Value);
        if (why is not null) errors.Add(why);
        var answeredOn = DateOnly.TryParseExact(fields.FirstOrDefault(f => f.Key == "answeredOn").Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : (DateOnly?)null;
        if (answeredOn is null) errors.Add(Rejection.Invalid("answeredOn", "Give the day the patient answered, as a date."));
        var (answers, rejections) = SurveyForm.Read(fields);
        errors.AddRange(rejections);
        if (errors.Count == 0)
        {
            var outcome = await entry.EnterAsync(caller, record, timePoint!, answeredOn!.Value, answers!, outputs, ct);
            if (outcome.Queued is not null)
                return DashboardReplies.SeeOther($"{StaffPages.ProcedurePath(procedureId)}?entered={timePoint!.Code}");
            errors.Add(Refusal(outcome.FollowUp, outcome.Refusal!.Value));
        }
        var form = new StaffPages.AnswerForm(fields, [.. errors.Select(e => (Field(e.Field), e.Detail)).DistinctBy(e => e.Item1)]);
        return DashboardReplies.Html(StatusCodes.Status400BadRequest, StaffPages.Procedure(record, await audit.ReadAsync(AuditSubjects.Procedure(procedureId), ct),
            await ClinicToday.OfAsync(clinics, caller.ClinicId, clock, ct), form, EventForm.Of(await events.OfProcedureAsync(procedureId, ct))));
    }

    /// <summary>The form field a rejection is about: "medications[1]" is the medications field, anything else unknown the survey's.</summary>
    private static string Field(string? field) => field switch
    {
        null or "" => "timePoint",
        _ when field.StartsWith(SurveyForm.MedicationsField, StringComparison.Ordinal) => SurveyForm.MedicationsField,
        _ when field.StartsWith("opioid", StringComparison.Ordinal) => SurveyForm.MedicationsField,
        _ => field,
    };

    private static Rejection Refusal(FollowUpRecord followUp, AnswerRefusal refusal) => Rejection.Invalid(refusal == AnswerRefusal.AlreadyAnswered ? "timePoint" : "answeredOn", refusal switch
    {
        AnswerRefusal.AlreadyAnswered => $"The {StaffWords.TimePointInWords(followUp.FollowUp.TimePoint)} survey already has its answer.",
        AnswerRefusal.Cancelled => $"The {StaffWords.TimePointInWords(followUp.FollowUp.TimePoint)} survey was cancelled (the patient died, withdrew or opted out) before that day.",
        AnswerRefusal.InTheFuture => "The day the patient answered cannot be after today.",
        _ => $"The {StaffWords.TimePointInWords(followUp.FollowUp.TimePoint)} survey takes answers given from {followUp.FollowUp.Window.Opens:yyyy-MM-dd} to {followUp.FollowUp.Window.LastDay:yyyy-MM-dd}.",
    });
}
