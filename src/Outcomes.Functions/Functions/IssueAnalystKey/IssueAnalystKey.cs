using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>POST /api/analyst-keys (admin): a read-only analyst key, shown once.</summary>
public static class IssueAnalystKey
{
    public const string Route = "/api/analyst-keys";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Route, Handle).WithName(nameof(IssueAnalystKey));

    public sealed record Issued(string KeyId, string ApiKey);

    internal static async Task<Created<Issued>> Handle(IAccessKeyStore keys, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var issued = await keys.IssueAsync(AccessRole.Analyst, clinicId: null, clock.GetUtcNow(), ct);
        await audit.AppendAsync(KeyAudit.Issued(issued.Key, AuditActor.Admin), ct);

        return TypedResults.Created($"{Route}/{issued.Key.KeyId}", new Issued(issued.Key.KeyId, issued.PlainKey));
    }
}
