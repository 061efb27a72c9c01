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

    /// <summary>The same problem as a plain object, for an HTTP response returned through the host's <c>res</c> output.</summary>
    public static Dictionary<string, object?> Body(int status, Rejection why) => new()
    {
        ["type"] = $"urn:outcomes:problem:{why.Code}",
        ["title"] = why.Title,
        ["status"] = status,
        ["detail"] = why.Detail,
        ["code"] = why.Code,
        ["field"] = why.Field,
    };
}
