using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>GET /api/health: the handler is up, and whether Table Storage answers.</summary>
public static class Health
{
    public const string Route = "/api/health";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(Health));

    public sealed record Report(string Status, string TableStorage);

    internal static async Task<Results<Ok<Report>, ProblemHttpResult>> Handle(IStorageProbe storage, CancellationToken ct) =>
        await storage.WhyUnreachableAsync(ct) is { } why
            ? Problems.StorageUnavailable(why)
            : TypedResults.Ok(new Report("healthy", "reachable"));
}

/// <summary>
/// The health report's JSON written by generated code: the first answer of a new instance is its health check, and the
/// serializer's reflection over <see cref="Health.Report"/> (building its metadata, emitting its accessors) was a good
/// part of that answer's time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Health.Report))]
internal sealed partial class HealthJson : JsonSerializerContext;
