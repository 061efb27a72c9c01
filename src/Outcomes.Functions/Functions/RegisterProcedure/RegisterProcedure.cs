using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/procedures (clinic): registers a procedure with its baseline and schedules its five follow-ups in the
/// clinic's calendar. A late registration marks the follow-ups whose window already closed as missed. A patient whose
/// e-mail address or phone is remembered as opted out is not surveyed: the new procedure's follow-ups are cancelled as of
/// its procedure date, so none of them is ever due (<see cref="SurveyOptOuts.HonourAsync"/>).
/// </summary>
public static class RegisterProcedure
{
    public const string Route = "/api/procedures";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RegisterProcedure))
        .Accepts<ProcedureRegistrationRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<Results<Created<JsonObject>, ProblemHttpResult>> Handle(
        Caller.Clinic caller, HttpRequest request, IClinicStore clinics, IProcedureStore procedures, OutcomeCounting counting, SurveyOptOuts optOuts,
        TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ProcedureRegistrationRequest>(request, ct);
        if (body is null)
            return problem!;
        var clinic = await clinics.FindAsync(caller.ClinicId, ct)
            ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        var (calendar, _) = ClinicCalendar.For(clinic.TimeZone);
        var now = clock.GetUtcNow();
        var today = calendar!.LocalDate(now);
        var (registration, rejections) = body.ToRegistration(today);
        if (registration is null)
            return Problems.InvalidInputs(rejections);

        var procedure = new RegisteredProcedure(Guid.NewGuid().ToString("N"), clinic.ClinicId, registration, now);
        var schedule = FollowUpSchedule.For(registration.ProcedureDate, today);
        // Stored with its audit entry in one transaction: no procedure without the entry, whatever stops this request.
        await procedures.RegisterAsync(procedure, schedule, ct, new AuditEntry(AuditSubjects.Procedure(procedure.ProcedureId), now, caller.Actor, "procedure-registered",
            new Dictionary<string, string?>
            {
                ["procedureType"] = registration.ProcedureType.ToWire(),
                ["procedureDate"] = registration.ProcedureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["levels"] = string.Join(",", registration.Levels),
                ["etiology"] = registration.Etiology.ToWire(),
                ["followUpsMissedAtRegistration"] = schedule.Count(f => f.Status == FollowUpStatus.Missed).ToString(CultureInfo.InvariantCulture),
            }));
        await counting.ProcedureRegisteredAsync(procedure, schedule, ct);
        if (await optOuts.IsOptedOutAsync(registration.Contact, ct))
        {
            await optOuts.HonourAsync(procedure, registration.ProcedureDate, ct);   // opted out before it: none of its surveys is due
            schedule = FollowUpCancellation.Apply(PatientEventType.OptOut, schedule);
        }
        return TypedResults.Created($"{Route}/{procedure.ProcedureId}", ProcedureView.Of(procedure, schedule));
    }
}
