using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain;

namespace Outcomes.Functions;

/// <summary>Every HTTP error shape the handler gives, in one place (RFC 9457 problem details).</summary>
internal static class Problems
{
    public static ProblemHttpResult MalformedInvocation(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: "urn:outcomes:problem:malformed-invocation",
        title: "The invocation request is not the Functions host's documented shape.", detail: detail);

    public static ProblemHttpResult MalformedMessage(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: "urn:outcomes:problem:malformed-message",
        title: "The queue message cannot be processed.", detail: detail);

    public static ProblemHttpResult StorageUnavailable(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: "urn:outcomes:problem:storage-unavailable",
        title: "Table Storage is not reachable.", detail: detail);

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750: <c>error="invalid_token"</c> when a key was presented).</summary>
    public static IResult Unauthenticated(string detail, bool keyPresented) => new WithHeader(
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: "urn:outcomes:problem:unauthenticated",
            title: "A valid API key is required.", detail: detail),
        "WWW-Authenticate", keyPresented ? "Bearer realm=\"outcomes\", error=\"invalid_token\"" : "Bearer realm=\"outcomes\"");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: "urn:outcomes:problem:forbidden",
        title: "This key may not use this route.", detail: detail);

    /// <summary>The one 404 for a missing resource and for another clinic's: the two must be indistinguishable.</summary>
    public static ProblemHttpResult NotFound(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: "urn:outcomes:problem:not-found",
        title: $"No such {resource}.", detail: $"There is no {resource} '{id}' for this key.");

    /// <summary>400 for a request body or field that is wrong, naming the field (<c>field</c>) and saying why.</summary>
    public static ProblemHttpResult InvalidInput(Rejection why) => Refused(StatusCodes.Status400BadRequest, why);

    /// <summary>400 naming every wrong field at once: <c>field</c> is the first, <c>errors</c> lists them all.</summary>
    public static ProblemHttpResult InvalidInputs(IReadOnlyList<Rejection> why) => why.Count == 1 ? InvalidInput(why[0]) : TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: "urn:outcomes:problem:invalid-fields",
        title: $"{why.Count} fields are not valid.", detail: string.Join(" ", why.Select(w => $"{w.Field ?? "body"}: {w.Detail}")),
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "invalid-fields",
            ["field"] = why[0].Field,
            ["errors"] = why.Select(w => new { field = w.Field, code = w.Code, detail = w.Detail }).ToList(),
        });

    /// <summary>A request well-formed but refused by the state of what it names (a closed survey, an answered follow-up).</summary>
    public static ProblemHttpResult Refused(int status, Rejection why) => TypedResults.Problem(
        statusCode: status, type: $"urn:outcomes:problem:{why.Code}", title: why.Title, detail: why.Detail,
        extensions: new Dictionary<string, object?> { ["code"] = why.Code, ["field"] = why.Field });

    /// <summary>412: the request was conditional (<c>If-Match</c>) on a version that is no longer the current one.</summary>
    public static ProblemHttpResult PreconditionFailed(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed, type: "urn:outcomes:problem:precondition-failed",
        title: $"The {resource} has changed since it was read.", detail: $"Read {resource} '{id}' again (its ETag) and send the change with that If-Match.",
        extensions: new Dictionary<string, object?> { ["code"] = "precondition-failed" });

    /// <summary>409: other requests kept changing what this one changes, and it gave up rather than overwrite them.</summary>
    public static ProblemHttpResult ChangedMeanwhile(string resource, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: "urn:outcomes:problem:changed-meanwhile",
        title: $"The {resource} was changed by another request.", detail: $"Read {resource} '{id}' again and send the change once more.",
        extensions: new Dictionary<string, object?> { ["code"] = "changed-meanwhile" });

    public static ProblemHttpResult UnsupportedMediaType(string expected) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: "urn:outcomes:problem:unsupported-media-type",
        title: "The request body is not of a type this route reads.", detail: $"Send it as {expected} (Content-Type: {expected}).");

    public static ProblemHttpResult BodyTooLarge(int limitBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, type: "urn:outcomes:problem:body-too-large",
        title: "The request body is too large.", detail: $"Send at most {limitBytes} bytes.");

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers[name] = value;
            return inner.ExecuteAsync(http);
        }
    }
}
