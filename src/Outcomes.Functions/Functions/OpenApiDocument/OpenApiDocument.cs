using Microsoft.AspNetCore.OpenApi;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/openapi.json: the API's OpenAPI document. Only the <c>/api/</c> routes are in it: the <c>POST /{FunctionName}</c>
/// routes are the Functions host's internal invocations, not API.
/// </summary>
public static class OpenApiDocument
{
    public const string Route = "/api/openapi.json";

    public static IServiceCollection AddOutcomesOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        // Each function declares its own Body, Contact, ... records: named with their function, they cannot take each other's place.
        options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } function
            ? function.Name + id
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddOperationTransformer<BearerInOpenApi>();
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Outcomes";
            document.Info.Description = "Vertebroplasty and kyphoplasty outcomes: clinics, procedures, follow-up surveys.";
            return Task.CompletedTask;
        });
    });

    public static void Map(IEndpointRouteBuilder app) => app.MapOpenApi(Route).WithName(nameof(OpenApiDocument));
}
