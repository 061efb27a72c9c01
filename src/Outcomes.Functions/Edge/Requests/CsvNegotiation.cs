namespace Outcomes.Functions;

/// <summary>Routes that answer JSON by default and CSV on request decide it here, from the <c>Accept</c> header.</summary>
internal static class CsvNegotiation
{
    /// <summary>CSV when <c>text/csv</c> is acceptable and preferred to JSON (a tie goes to whichever is listed first).</summary>
    public static bool WantsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept.Select((a, i) => (Type: a.MediaType.Value ?? "", Quality: a.Quality ?? 1, Order: i)).ToList();
        var csv = accept.Where(a => a.Type.Equals("text/csv", StringComparison.OrdinalIgnoreCase)).OrderByDescending(a => a.Quality).FirstOrDefault();
        var json = accept.Where(a => a.Type.Equals("application/json", StringComparison.OrdinalIgnoreCase)).OrderByDescending(a => a.Quality).FirstOrDefault();
        return csv.Type is { Length: > 0 } && csv.Quality > 0
            && (json.Type is not { Length: > 0 } || csv.Quality > json.Quality || (csv.Quality == json.Quality && csv.Order < json.Order));
    }

    /// <summary>Says in the OpenAPI document that the 200 may also be <c>text/csv</c>.</summary>
    public static Task DescribeCsv(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Responses?["200"].Content?.TryAdd("text/csv",
            new Microsoft.OpenApi.OpenApiMediaType { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } });
        return Task.CompletedTask;
    }
}
