using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>
/// Binds a JSON body to its typed request record, the one way every door reads JSON: <c>application/json</c> only (415),
/// within <see cref="RequestBody"/>'s limit (413), strict (<see cref="StrictJson"/>: UTF-8, no field twice, valid text),
/// one object, then System.Text.Json with the web's field names and numbers only from JSON numbers. A value of the
/// wrong JSON type is a 400 naming its path and the type expected (<see cref="JsonTypeMismatch"/>); what the values
/// mean is for the record's own checks, which report every wrong field at once.
/// </summary>
internal static class JsonRequest
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 32,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,   // for the wire forms written with these options
    };

    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType("application/json"));
        var (bytes, problem) = await RequestBody.ReadAsync(request, ct);
        if (problem is not null)
            return (null, problem);
        if (bytes.Length == 0)
            return (null, Problems.InvalidInput(new Rejection("missing-body", "The request body is missing.", "Send a JSON object.")));
        var (body, why) = Bind<T>(bytes);
        return body is null ? (null, Problems.InvalidInput(why!)) : (body, null);
    }

    /// <summary>Binds JSON text that came from outside (a body, or a queue message's part) to <typeparamref name="T"/>.</summary>
    public static (T? Body, Rejection? Why) Bind<T>(ReadOnlyMemory<byte> utf8) where T : class
    {
        var (document, why) = StrictJson.Parse(utf8);
        if (document is null)
            return (null, why);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, new Rejection("malformed-json", "The body must be a JSON object.", $"Got a JSON {JsonTypeMismatch.Kind(root)}."));
            try
            {
                return (root.Deserialize<T>(Options), null);
            }
            catch (JsonException e)
            {
                return (null, JsonTypeMismatch.Explain(e.Path, typeof(T), root, Options));
            }
        }
    }
}
