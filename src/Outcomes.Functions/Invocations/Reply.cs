using Microsoft.AspNetCore.Http.HttpResults;
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
        JsonSerializer.Serialize(Functions.Problems.Body(status, why), Web));

    /// <summary>A problem naming every wrong field: <c>field</c> is the first, <c>errors</c> lists them all.</summary>
    public static HttpOutput Problems(int status, IReadOnlyList<Rejection> why)
    {
        if (why.Count == 1)
            return Problem(status, why[0]);
        var body = Functions.Problems.Body(status, new Rejection("invalid-fields", $"{why.Count} fields are not valid.",
            string.Join(" ", why.Select(w => $"{w.Field ?? "body"}: {w.Detail}")), why[0].Field));
        body["errors"] = why.Select(w => new { field = w.Field, code = w.Code, detail = w.Detail }).ToList();
        return new(status, new Dictionary<string, string> { ["Content-Type"] = "application/problem+json; charset=utf-8" }, JsonSerializer.Serialize(body, Web));
    }

    public static HttpOutput BodyTooLarge() =>
        Problem(413, new("body-too-large", "The request body is too large.", $"Send at most {JsonBody.MaxBytes} bytes."));

    /// <summary>A wrapped function's answer: the HTTP response under its http output's name, beside any other outputs.</summary>
    public static Ok<InvocationResult> Through(string httpOutput, HttpOutput reply, Dictionary<string, object?>? outputs = null, string? log = null)
    {
        outputs ??= [];
        outputs[httpOutput] = reply;
        return TypedResults.Ok(new InvocationResult(outputs, log is null ? [] : [log]));
    }

    public static HttpOutput Html(int status, string page) => new(status, new Dictionary<string, string>(SurveyPageReplies.Headers), page);
}
