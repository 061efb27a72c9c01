using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// POST /api/clinics (admin): registers a clinic (name, time zone, and optionally its alert address and phone) and
/// issues its first key, shown once in the answer.
/// </summary>
public static class CreateClinic
{
    public const string Route = "/api/clinics";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(CreateClinic))
        .Accepts<ClinicRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public sealed record Registered(string ClinicId, string Name, string TimeZone, string? AlertEmail, string? Phone, string ApiKey, string KeyId);

    internal static async Task<Results<Created<Registered>, ProblemHttpResult>> Handle(
        HttpRequest request, IClinicStore clinics, IAccessKeyStore keys, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ClinicRequest>(request, ct);
        if (body is null)
            return problem!;
        var now = clock.GetUtcNow();
        var (clinic, why) = body.ToClinic(Guid.NewGuid().ToString("N"), now);
        if (clinic is null)
            return Problems.InvalidInputs(why);

        if (await clinics.AddAsync(clinic, ct) != StoreOutcome.Stored)
            throw new InvalidOperationException($"A new random clinic id {clinic.ClinicId} was taken.");
        await audit.AppendAsync(ClinicSettingsAudit.Created(clinic, AuditActor.Admin), ct);
        var issued = await keys.IssueAsync(AccessRole.Clinic, clinic.ClinicId, now, ct);
        await audit.AppendAsync(KeyAudit.Issued(issued.Key, AuditActor.Admin), ct);

        return TypedResults.Created($"{Route}/{clinic.ClinicId}",
            new Registered(clinic.ClinicId, clinic.Name, clinic.TimeZone, clinic.AlertEmail, clinic.Phone, issued.PlainKey, issued.Key.KeyId));
    }
}
