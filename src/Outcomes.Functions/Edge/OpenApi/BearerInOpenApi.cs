using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outcomes.Functions;

/// <summary>Marks every route that has a <see cref="RequiredCaller"/> as needing the <c>Bearer</c> scheme in the OpenAPI document.</summary>
internal sealed class BearerInOpenApi : IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredCaller>().LastOrDefault() is not { } required
            || context.Document is not { } document)
            return Task.CompletedTask;
        Require(operation, document);
        operation.Description = $"{operation.Description} Callers: {required.Allowed.ToString().ToLowerInvariant()} keys.".Trim();
        return Task.CompletedTask;
    }

    /// <summary>Marks one operation as needing a bearer key, describing the scheme once.</summary>
    public static void Require(OpenApiOperation operation, Microsoft.OpenApi.OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An Outcomes API key (oc_…): a clinic or analyst key issued by an admin, or the admin key.",
        });
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
    }
}
