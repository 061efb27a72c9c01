using System.Net.Sockets;
using Azure;
using Azure.Messaging.ServiceBus;
using Microsoft.AspNetCore.Diagnostics;

namespace Outcomes.Functions;

/// <summary>
/// Storage that cannot be reached once the SDK's retries are spent (an outage, a network fault) is the service being
/// unavailable, not a fault of the request: 503 with <c>Retry-After</c> and a problem that says to try again (a page
/// in the patient's language for a browser), instead of an unexplained 500. Nothing was acknowledged: an answer or an
/// event sent again is recorded once (a registration sent again is, for now, a second procedure: see the README).
/// The patient texts are taken only for such a page: the exception handler is built with the pipeline, before a new
/// instance's first request, and reading every language's file then would delay that request.
/// </summary>
internal sealed class StorageUnavailable(IProblemDetailsService problems, ILogger<StorageUnavailable> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!Unreachable(exception) || http.Response.HasStarted)
            return false;
        // The endpoint's name, never the path: a survey link's path holds the patient's token.
        log.LogWarning("Storage could not be reached for {Endpoint}; answered 503.", http.GetEndpoint()?.DisplayName ?? "a request");
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            var texts = http.RequestServices.GetRequiredService<Patients.PatientTexts>();
            var t = texts.For(SurveyPageReplies.FirstLanguage(http.Request.Headers.AcceptLanguage.ToString()));
            await SurveyPageReplies.Result(StatusCodes.Status503ServiceUnavailable, Patients.PageLayout.Message(t, "unavailable")).ExecuteAsync(http);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable, Type = "urn:outcomes:problem:storage-unavailable",
                Title = "Outcomes cannot reach its storage just now.",
                Detail = $"The request could not be completed. Try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>Whether the failure is storage out of reach: no answer at all, or a server-side one, after the SDK's retries.</summary>
    internal static bool Unreachable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500 || failed.InnerException is { } inner && Unreachable(inner),
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Unreachable),
        HttpRequestException or SocketException => true,
        ServiceBusException busy => busy.IsTransient,   // the dead letters in Azure: the namespace unreachable or busy
        _ => false,
    };
}
