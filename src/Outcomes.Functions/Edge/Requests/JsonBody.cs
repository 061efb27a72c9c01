using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// Reads a request body that must be one JSON object sent as <c>application/json</c> (415 otherwise), within
/// <see cref="RequestBody"/>'s limit, parsed by <see cref="StrictJson"/>: 400 naming the field when it is not.
/// </summary>
internal static class JsonBody
{
    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (default, Problems.UnsupportedMediaType("application/json"));
        var (bytes, problem) = await RequestBody.ReadAsync(request, ct);
        if (problem is not null)
            return (default, problem);
        if (bytes.Length == 0)
            return (default, Problems.InvalidInput(new Rejection("missing-body", "The request body is missing.", "Send a JSON object.")));
        var (document, why) = StrictJson.Parse(bytes);
        if (document is null)
            return (default, Problems.InvalidInput(why!));
        using (document)
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, Problems.InvalidInput(new Rejection("malformed-json", "The body must be a JSON object.", $"Got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.")));
    }
}
