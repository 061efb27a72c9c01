using Microsoft.AspNetCore.Connections;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// Requests that fail through their client's fault, not the host's: a body Kestrel refuses (<see cref="BadHttpRequestException"/>:
/// bad framing or one that ends early 400, too slow 408, too large 413), or a client that goes away mid-request. Kestrel answers
/// the first with its status and the second not at all, and logs neither as an error; the local host does the same, also when
/// the failure reaches it wrapped (HttpClient wraps what the proxied body's stream throws).
/// </summary>
internal static class ClientFaults
{
    /// <summary>The refusal Kestrel raised while the body was read, wherever it sits in the exception's chain.</summary>
    public static BadHttpRequestException? Refusal(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            if (cause is BadHttpRequestException refused) return refused;
        return null;
    }

    /// <summary>The client aborted the request or reset the connection: there is no one left to answer.</summary>
    public static bool WentAway(Exception e, HttpContext context)
    {
        if (context.RequestAborted.IsCancellationRequested) return true;
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            if (cause is ConnectionResetException) return true;
        return false;
    }

    /// <summary>
    /// Reads the client's body: whatever fails there but the client leaving (a chunk size Kestrel cannot hold, a stream
    /// that breaks) is the client's malformed request, answered 400 as Kestrel answers bad framing.
    /// </summary>
    public static async Task<T> ReadingBodyAsync<T>(Func<Task<T>> read, HttpContext context)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not BadHttpRequestException && Refusal(e) is null && !WentAway(e, context))
        {
            throw new BadHttpRequestException($"The request body could not be read: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
    }

    public static Task ReadingBodyAsync(Func<Task> read, HttpContext context) => ReadingBodyAsync(async () => { await read(); return true; }, context);

    public static bool Either(Exception e, HttpContext context) => Refusal(e) is not null || WentAway(e, context);

    /// <summary>For UseExceptionHandler: Kestrel's status for a refused body, 500 for anything else.</summary>
    public static int StatusCode(Exception e) => Refusal(e)?.StatusCode ?? StatusCodes.Status500InternalServerError;
}
