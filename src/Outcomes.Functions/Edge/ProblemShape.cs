namespace Outcomes.Functions;

/// <summary>
/// What every problem body carries, however it was made (a handler's problem, an auth refusal, the server's own 404 or
/// 500): <c>code</c>, the last part of its <c>type</c>, for clients that switch on it; <c>invocationId</c>, the id the
/// Functions host gave the call; and <c>traceId</c>, which ASP.NET Core adds.
/// </summary>
internal static class ProblemShape
{
    private const string TypePrefix = "urn:outcomes:problem:";

    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // The host's id is a GUID; anything else in that header did not come from the host and is not repeated.
        problem.Extensions["invocationId"] = Guid.TryParse(context.HttpContext.Request.Headers[HostHeaders.InvocationId].ToString(), out var id) ? id.ToString() : "";
        if (!problem.Extensions.ContainsKey("code") && problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true)
            problem.Extensions["code"] = problem.Type[TypePrefix.Length..];
    }
}
