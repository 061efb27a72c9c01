using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;
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
/// The rules are <see cref="PatientEventRecording"/>'s, shared with the procedure page's form (<see cref="RecordEventPage"/>).
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
        string procedureId, Caller.Clinic caller, HttpRequest request, IProcedureStore procedures, PatientEventRecording recording, CancellationToken ct)
    {
        if (await OwnProcedure.FindAsync(caller, procedures, procedureId, ct) is not { } record)
            return Problems.NotFound("procedure", procedureId);
        var (body, problem) = await JsonRequest.ReadAsync<PatientEventRequest>(request, ct);
        if (body is null)
            return problem!;
        var outcome = await recording.RecordAsync(caller, record, body, ct);
        if (outcome.AlreadyRecorded is { } earlier)
            return AlreadyRecorded(earlier);
        if (outcome.Rejections is [{ Code: PatientEventRecording.ContactUnreadableCode } unreadable])
            return Problems.Refused(StatusCodes.Status409Conflict, unreadable);
        if (outcome.Recorded is not { } stored)
            return Problems.InvalidInputs(outcome.Rejections);
        var e = stored.Event;
        return TypedResults.Created((string?)null, new Recorded(stored.EventId, procedureId, e.Type.ToWire(), Day(e.Date),
            e.Type == PatientEventType.NewFracture ? e.Levels.Select(l => l.ToString()).ToList() : null, stored.RecordedAt, outcome.FollowUpsCancelled));
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
