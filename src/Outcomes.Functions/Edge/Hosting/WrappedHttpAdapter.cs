using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Outcomes.Functions;

/// <summary>
/// Lets the host's wrapped call of an HTTP function (<c>POST /{FunctionName}</c> with the request under
/// <c>Data.&lt;trigger&gt;</c>) reach the same endpoint a proxied request would: it turns the invocation into the request
/// it carries, runs the rest of the pipeline (routing, binding, auth, problem details), and answers the host with the
/// response under <c>Outputs.&lt;http output&gt;</c> beside what the endpoint put in <see cref="FunctionOutputs"/>.
/// A request the user got wrong is still a successful invocation carrying the user's 4xx: a failed invocation would
/// reach the user as a 500. Other outputs are bound only with a 2xx response, or a 303 See Other: a staff form taken,
/// answered the Post/Redirect/Get way (a sign-in challenge redirects before any endpoint could send anything).
/// The functions are read at the first POST, not when the pipeline is built: a new instance's first request is its
/// health check, a GET, which has no need of them.
/// </summary>
internal sealed class WrappedHttpAdapter(RequestDelegate next)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || http.RequestServices.GetRequiredService<WrappedHttpFunctions>().Named(http.Request.Path) is not { } function)
        {
            await next(http);
            return;
        }
        var (invocation, problem) = await InvocationReader.ReadAsync(http.Request, function.TriggerName, http.RequestAborted);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http);
            return;
        }
        var (request, why) = WrappedHttpRequest.Read(invocation!.Data[function.TriggerName], function);
        if (request is null)
        {
            await Problems.MalformedInvocation(why!).ExecuteAsync(http);
            return;
        }

        request.ApplyTo(http.Request);
        var (status, headers, body) = await RunCapturedAsync(http);
        var outputs = http.RequestServices.GetRequiredService<FunctionOutputs>();
        var bound = new Dictionary<string, object?>(status is >= 200 and < 300 or StatusCodes.Status303SeeOther ? outputs.Bindings : [])
        {
            [function.HttpOutputName] = new HttpOutput(status, headers, body),
        };
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers.Clear();
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new InvocationResult(bound, outputs.Logs), Web), http.RequestAborted);
    }

    /// <summary>Runs the pipeline for the request with the response body kept in memory; the headers it set are taken off again.</summary>
    private async Task<(int Status, Dictionary<string, string> Headers, string Body)> RunCapturedAsync(HttpContext http)
    {
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer);
        http.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(http);
            await capture.CompleteAsync();
        }
        finally
        {
            http.Features.Set(original);
        }
        var headers = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return (http.Response.StatusCode, headers, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
