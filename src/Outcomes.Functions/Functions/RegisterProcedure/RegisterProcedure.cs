using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Clinics;
using Microsoft.AspNetCore.Mvc;
using Outcomes.Domain;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/procedures (clinic): registers a procedure with its baseline and schedules its five follow-ups in the
/// clinic's calendar (<see cref="ProcedureRegistrations"/>). A late registration marks the follow-ups whose window already
/// closed as missed. A patient whose e-mail address or phone is remembered as opted out is not surveyed. Sent with an
/// <c>Idempotency-Key</c>, a retry of the same registration gets the procedure the first request stored (201 again, the
/// procedure as it is now), never a second one; the same key with a different registration is a 422.
/// </summary>
public static class RegisterProcedure
{
    public const string Route = "/api/procedures";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(RegisterProcedure))
        .Accepts<ProcedureRegistrationRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static async Task<Results<Created<JsonObject>, ProblemHttpResult>> Handle(
        Caller.Clinic caller, HttpRequest request, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey,
        IClinicStore clinics, ProcedureRegistrations registrations, TimeProvider clock, CancellationToken ct)
    {
        var (key, badKey) = IdempotencyKey.Read(idempotencyKey, request.Headers.ContainsKey(IdempotencyKey.Header));
        if (badKey is not null)
            return Problems.InvalidInput(badKey);
        var (body, problem) = await JsonRequest.ReadAsync<ProcedureRegistrationRequest>(request, ct);
        if (body is null)
            return problem!;
        var clinic = await clinics.FindAsync(caller.ClinicId, ct)
            ?? throw new InvalidOperationException($"Clinic {caller.ClinicId} has a key but no record.");
        var now = clock.GetUtcNow();
        var (registration, rejections) = body.ToRegistration(ClinicCalendar.For(clinic.TimeZone).Calendar!.LocalDate(now));
        if (registration is null)
            return Problems.InvalidInputs(rejections);

        return await registrations.RegisterAsync(clinic, registration, key, caller.Actor, now, ct) switch
        {
            ProcedureRegistrations.Outcome.Registered r =>
                TypedResults.Created($"{Route}/{r.Procedure.ProcedureId}", ProcedureView.Of(r.Procedure, r.FollowUps)),
            _ => Problems.Refused(StatusCodes.Status422UnprocessableEntity, new Rejection("idempotency-key-reused",
                $"This {IdempotencyKey.Header} was used for a different registration.",
                $"A procedure was registered under this {IdempotencyKey.Header} with other details. Send a new key for a new registration.", IdempotencyKey.Header)),
        };
    }
}
