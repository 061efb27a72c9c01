using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Outcomes.Functions;

/// <summary>
/// Functions with an output besides HTTP are called wrapped, at <c>POST /{FunctionName}</c>, so their public routes are
/// not endpoints of the handler and would be missing from the document. They are described here, from what each
/// function declares.
/// </summary>
internal sealed class WrappedRoutesInOpenApi : IOpenApiDocumentTransformer
{
    public sealed record WrappedRoute(string Path, string Summary, IReadOnlyList<string> RequestTypes, IReadOnlyDictionary<int, string> Responses, bool NeedsClinicKey);

    public static readonly IReadOnlyList<WrappedRoute> Routes =
    [
        new("/api/surveys/{token}", "A patient's answers (the survey page's form post, or JSON): queued for storing.",
            ["application/x-www-form-urlencoded", "application/json"],
            new Dictionary<int, string>
            {
                [202] = "Received: the thank-you page, or {responseId, status}.",
                [400] = "An answer is not valid: the form again with the errors, or a problem naming the field.",
                [404] = "No survey at this link.", [409] = "The answers were already received.", [410] = "The survey has closed.",
                [413] = "The body is over 64 KiB.",
            }, NeedsClinicKey: false),
        new("/api/procedures/{procedureId}/responses",
            "Answers a clinic took by phone or on paper, {timepoint, assessedOn, pain, medications, opioid, newFracture}: queued for storing.",
            ["application/json"],
            new Dictionary<int, string>
            {
                [202] = "Queued: {responseId, status}.",
                [400] = "A field is not valid (assessedOn outside the time point's window or in the future, an unknown timepoint, an answer): a problem naming it.",
                [404] = "No such procedure for this key.", [409] = "The follow-up is already answered, cancelled or missed.",
                [413] = "The body is over 64 KiB.",
            }, NeedsClinicKey: true),
    ];

    public Task TransformAsync(Microsoft.OpenApi.OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Paths ??= [];
        foreach (var route in Routes)
        {
            if (!document.Paths.TryGetValue(route.Path, out var item))
                document.Paths[route.Path] = item = new OpenApiPathItem();
            var pathItem = (OpenApiPathItem)item;
            pathItem.Operations ??= [];
            var operation = pathItem.Operations[HttpMethod.Post] = Operation(route);
            if (route.NeedsClinicKey)
                BearerInOpenApi.Require(operation, document);
        }
        return Task.CompletedTask;
    }

    private static OpenApiOperation Operation(WrappedRoute route)
    {
        var operation = new OpenApiOperation
        {
            Summary = route.Summary,
            Parameters = route.Path.Split('/').Where(s => s.StartsWith('{')).Select(s => (IOpenApiParameter)new OpenApiParameter
            {
                Name = s.Trim('{', '}'), In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            }).ToList(),
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = route.RequestTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } }),
            },
            Responses = [],
        };
        foreach (var (status, description) in route.Responses)
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse { Description = description };
        if (route.NeedsClinicKey)
        {
            operation.Responses["401"] = new OpenApiResponse { Description = "No key, or a key that is unknown or revoked." };
            operation.Responses["403"] = new OpenApiResponse { Description = "A key of another kind." };
        }
        return operation;
    }
}
