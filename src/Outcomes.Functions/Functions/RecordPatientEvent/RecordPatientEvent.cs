using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/procedures/{procedureId}/events (clinic): a death, withdrawal, opt-out or new fracture of the procedure's
/// patient, dated from the procedure day to the clinic's today. Death, withdrawal and opt-out cancel every survey still
/// to come across all the procedures the clinic registered for the patient. Each event is recorded once: the same event
/// again (the same type on the procedure; a new fracture on the same day and levels; a death of the patient on any of
/// their procedures) is a 409 naming the event already recorded. An opt-out also remembers the patient's e-mail address and
/// phone as opted out (<see cref="SurveyOptOuts"/>), so later registrations for that contact are not surveyed either.
/// </summary>
public static class RecordPatientEvent
{
    public const string Route = "/api/procedures/{procedureId}/events";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RecordPatientEvent))
        .Accepts<PatientEventRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public sealed record Recorded(
        Guid EventId, string ProcedureId, string Type, string Date,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Levels,
        DateTimeOffset RecordedAt, int FollowUpsCancelled);

    internal static async Task<Results<Created<Recorded>, ProblemHttpResult>> Handle(
        string procedureId, Caller.Clinic caller, HttpRequest request, IClinicStore clinics, IProcedureStore procedures, IPatientEventStore events,
        PatientSurveysStop surveys, SurveyOptOuts optOuts, OutcomeCounting counting, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return Problems.NotFound("procedure", procedureId);
        var (body, problem) = await JsonRequest.ReadAsync<PatientEventRequest>(request, ct);
        if (body is null)
            return problem!;
        var clinic = await clinics.FindAsync(caller.ClinicId, ct) ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        var now = clock.GetUtcNow();
        var (patientEvent, rejections) = body.ToEvent(record.Procedure.Registration.ProcedureDate, ClinicCalendar.For(clinic.TimeZone).Calendar!.LocalDate(now));
        if (patientEvent is null)
            return Problems.InvalidInputs(rejections);

        var patientRef = record.Procedure.Registration.PatientRef;
        var earlierDeath = patientEvent.Type == PatientEventType.Death ? await DeathOfPatientAsync(caller.ClinicId, patientRef, procedures, events, ct) : null;
        var (added, stored) = earlierDeath is not null ? (false, earlierDeath)
            : await events.AddAsync(new RecordedPatientEvent(Guid.NewGuid(), procedureId, patientEvent, now, caller.Actor), ct);
        if (added)
        {
            var changes = new Dictionary<string, string?> { ["eventId"] = stored.EventId.ToString(), ["type"] = patientEvent.Type.ToWire(), ["date"] = Day(patientEvent.Date) };
            if (patientEvent.Type == PatientEventType.NewFracture)
                changes["levels"] = string.Join(",", patientEvent.Levels);
            await audit.AppendAsync(new AuditEntry(AuditSubjects.Procedure(procedureId), now, caller.Actor, "patient-event-recorded", changes), ct);
        }
        // Also on a repeat: it finishes what a first request cut short may have left open (normally nothing).
        if (stored.Event.Type == PatientEventType.OptOut)
            await optOuts.RememberAsync(record.Procedure.Registration.Contact.Channels, ct);
        var cancelled = await surveys.StopAsync(caller.ClinicId, patientRef, stored.Event.Type, stored.Event.Date, caller.Actor, ct);
        if (stored.Event.Type == PatientEventType.Death)
            await counting.DiedAsync(caller.ClinicId, patientRef, stored.Event.Date, ct);
        else if (stored.Event.Type == PatientEventType.NewFracture)
            await counting.NewFractureAsync(record.Procedure, stored.EventId.ToString("N"), stored.Event.Levels.Count, ct);
        if (!added)
            return AlreadyRecorded(stored);
        return TypedResults.Created((string?)null, new Recorded(stored.EventId, procedureId, patientEvent.Type.ToWire(), Day(patientEvent.Date),
            patientEvent.Type == PatientEventType.NewFracture ? patientEvent.Levels.Select(l => l.ToString()).ToList() : null, now, cancelled));
    }

    /// <summary>A death already recorded on any of the clinic's procedures for this patient: a patient dies once.</summary>
    private static async Task<RecordedPatientEvent?> DeathOfPatientAsync(
        string clinicId, string patientRef, IProcedureStore procedures, IPatientEventStore events, CancellationToken ct)
    {
        foreach (var procedureId in await procedures.ProceduresOfPatientAsync(clinicId, patientRef, ct))
            if ((await events.OfProcedureAsync(procedureId, ct)).FirstOrDefault(e => e.Event.Type == PatientEventType.Death) is { } death)
                return death;
        return null;
    }

    /// <summary>409 naming the event already recorded (Problems.cs has no conflict shape for a rule refusal yet).</summary>
    private static ProblemHttpResult AlreadyRecorded(RecordedPatientEvent earlier)
    {
        var why = new Rejection("event-already-recorded", "This event is already recorded.", earlier.Event.Type == PatientEventType.Death
            ? $"The patient's death on {Day(earlier.Event.Date)} is recorded (event {earlier.EventId}, procedure {earlier.ProcedureId}); a patient dies once."
            : $"This {earlier.Event.Type.ToWire()} of {Day(earlier.Event.Date)} is recorded for the procedure (event {earlier.EventId}).");
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: $"urn:outcomes:problem:{why.Code}", title: why.Title, detail: why.Detail,
            extensions: new Dictionary<string, object?> { ["code"] = why.Code, ["eventId"] = earlier.EventId, ["procedureId"] = earlier.ProcedureId });
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
