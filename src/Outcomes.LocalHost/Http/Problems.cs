namespace Outcomes.LocalHost.Http;

/// <summary>The local host's own error answers, as problem details.</summary>
internal static class Problems
{
    public static IResult InvocationFailed(string function, Guid invocationId) => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: $"Function '{function}' failed.",
        detail: "The local host's console says why.",
        extensions: new Dictionary<string, object?> { ["invocationId"] = invocationId.ToString() });

    /// <summary>A request body Kestrel refused, with Kestrel's status and reason (which names no request data).</summary>
    public static IResult Refused(BadHttpRequestException refused) => TypedResults.Problem(statusCode: refused.StatusCode, detail: refused.Message);

    public static IResult UnknownFunction(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such function.", detail: $"The app has no function named '{name}'.");

    public static IResult HttpFunction(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "An HTTP function runs over HTTP.",
        detail: $"'{name}' is an HTTP function: call its route instead of the admin route.");

    public static IResult BadAdminBody(string why) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "The body is not {\"input\": \"...\"}.", detail: why);
}
