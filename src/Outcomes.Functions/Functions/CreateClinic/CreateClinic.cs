using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>POST /api/clinics (admin): registers a clinic and issues its first key, shown once in the answer.</summary>
public static class CreateClinic
{
    public const string Route = "/api/clinics";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(CreateClinic))
        .Accepts<ClinicRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public sealed record Registered(string ClinicId, string Name, string TimeZone, string ApiKey, string KeyId);

    internal static async Task<Results<Created<Registered>, ProblemHttpResult>> Handle(
        HttpRequest request, IClinicStore clinics, IAccessKeyStore keys, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ClinicRequest>(request, ct);
        if (body is null)
            return problem!;
        var (name, timeZone, why) = body.Check();
        if (name is null || timeZone is null)
            return Problems.InvalidInputs(why);

        var now = clock.GetUtcNow();
        var clinic = new Clinic(Guid.NewGuid().ToString("N"), name, timeZone, now);
        if (await clinics.AddAsync(clinic, ct) != StoreOutcome.Stored)
            throw new InvalidOperationException($"A new random clinic id {clinic.ClinicId} was taken.");
        await audit.AppendAsync(new AuditEntry(AuditSubjects.Clinic(clinic.ClinicId), now, AuditActor.Admin, "clinic-created",
            new Dictionary<string, string?> { ["name"] = clinic.Name, ["timeZone"] = clinic.TimeZone }), ct);
        var issued = await keys.IssueAsync(AccessRole.Clinic, clinic.ClinicId, now, ct);
        await audit.AppendAsync(KeyAudit.Issued(issued.Key, AuditActor.Admin), ct);

        return TypedResults.Created($"{Route}/{clinic.ClinicId}",
            new Registered(clinic.ClinicId, clinic.Name, clinic.TimeZone, issued.PlainKey, issued.Key.KeyId));
    }
}
