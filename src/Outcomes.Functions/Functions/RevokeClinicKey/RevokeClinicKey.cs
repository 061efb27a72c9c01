using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>DELETE /api/clinics/{clinicId}/keys/{keyId} (admin): the key stops working at once. Revoking twice is still 204.</summary>
public static class RevokeClinicKey
{
    public const string Route = "/api/clinics/{clinicId}/keys/{keyId}";

    public static void Map(IEndpointRouteBuilder app) => app.MapDelete(Route, Handle).WithName(nameof(RevokeClinicKey));

    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string clinicId, string keyId, IAccessKeyStore keys, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await keys.FindAsync(keyId, ct) is not { Role: AccessRole.Clinic } key || key.ClinicId != clinicId)
            return Problems.NotFound("key", keyId);

        var now = clock.GetUtcNow();
        var outcome = await keys.RevokeAsync(keyId, now, ct);
        if (outcome == RevokeOutcome.NotFound)
            return Problems.NotFound("key", keyId);
        if (outcome == RevokeOutcome.Revoked)
            await audit.AppendAsync(KeyAudit.Revoked(key, now, AuditActor.Admin), ct);
        return TypedResults.NoContent();
    }
}
