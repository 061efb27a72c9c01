using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>POST /api/clinics/{clinicId}/keys (admin): a new key for the clinic, shown once. Its other keys keep working.</summary>
public static class IssueClinicKey
{
    public const string Route = "/api/clinics/{clinicId}/keys";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(IssueClinicKey));

    public sealed record Issued(string KeyId, string ApiKey);

    internal static async Task<Results<Created<Issued>, ProblemHttpResult>> Handle(
        string clinicId, IClinicStore clinics, IAccessKeyStore keys, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await clinics.FindAsync(clinicId, ct) is null)
            return Problems.NotFound("clinic", clinicId);

        var issued = await keys.IssueAsync(AccessRole.Clinic, clinicId, clock.GetUtcNow(), ct);
        await audit.AppendAsync(KeyAudit.Issued(issued.Key, AuditActor.Admin), ct);

        return TypedResults.Created($"/api/clinics/{clinicId}/keys/{issued.Key.KeyId}", new Issued(issued.Key.KeyId, issued.PlainKey));
    }
}
