using Microsoft.OpenApi;

namespace Outcomes.Functions;

/// <summary>
/// Query parameters' descriptions for the OpenAPI document, by name. (ASP.NET Core 10's document service cannot read a
/// <c>[Description]</c> on an <c>[AsParameters]</c> member: it fails with an InvalidCastException.)
/// </summary>
internal static class QueryDescriptions
{
    public static Task Apply(OpenApiOperation operation, IReadOnlyDictionary<string, string> descriptions)
    {
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter described && descriptions.TryGetValue(described.Name ?? "", out var text))
                described.Description = text;
        return Task.CompletedTask;
    }
}
