using System.Text.Json;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>Builds the HTTP responses that wrapped functions hand back through their <c>http</c> output.</summary>
internal static class Reply
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static HttpOutput Json(int status, object body) => new(
        status, new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8" },
        JsonSerializer.Serialize(body, Web));

    public static HttpOutput Problem(int status, Rejection why) => new(
        status, new Dictionary<string, string> { ["Content-Type"] = "application/problem+json; charset=utf-8" },
        JsonSerializer.Serialize(Problems.Body(status, why), Web));
}
