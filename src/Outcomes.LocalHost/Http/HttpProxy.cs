using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Handler;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// The proxied form (enableProxyingHttpRequest, and a function whose only bindings are the HTTP trigger and HTTP output): the
/// raw request goes to the handler at the same path and query, and its response comes back as is, minus hop-by-hop headers.
/// The body is read whole first, as the Functions host reads it before a function runs, and goes on with its Content-Length
/// and <c>Expect: 100-continue</c>: a handler that refuses it by its length (413) answers without reading it, and its answer
/// is not lost to a connection it closes while a chunked body is still being sent.
/// </summary>
internal sealed class HttpProxy(HttpClient http, IHandlerEndpoint handler, HostConsole console, TimeSpan timeout)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>Request headers the local host answers for itself: it has read the body, and sends it with its own length.</summary>
    private static readonly HashSet<string> ReadHere = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Expect" };

    public async Task ForwardAsync(HttpContext context, FunctionDefinition function)
    {
        var id = Guid.NewGuid();
        console.Invocation($"Executing 'Functions.{function.Name}' (Reason='This function was programmatically called via the host APIs.', Id={id})");
        var started = Stopwatch.StartNew();
        string outcome = "Succeeded", note = "";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(timeout);
        try
        {
            var request = context.Request;
            var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
            if (hasBody)
            {
                // In memory up to 30 KB, then in a temporary file. Not cancelled: Kestrel ends the read itself when the client goes,
                // and a cancelled read would leave its body reader busy for the drain after the request.
                request.EnableBuffering();
                await ClientFaults.ReadingBodyAsync(() => request.Body.DrainAsync(CancellationToken.None), context);
                request.Body.Position = 0;
            }
            if (request.Headers.Any(h => h.Value.Any(v => v?.Any(c => c > '\x7f') == true)))
                throw new BadHttpRequestException("A header holds characters that are not ASCII.", StatusCodes.Status400BadRequest);
            var address = await handler.WhenReadyAsync(limit.Token);
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(address, request.Path + request.QueryString));
            if (hasBody)
            {
                forward.Content = new StreamContent(request.Body) { Headers = { ContentLength = request.Body.Length } };
                forward.Headers.ExpectContinue = true;
            }
            else if (request.ContentType is not null)
                forward.Content = new ByteArrayContent([]);   // an empty body keeps the type it was sent as
            foreach (var (name, values) in request.Headers)
            {
                // The invocation id and the trace context are the host's to give: a client's are not passed on as they are.
                if (HopByHop.Contains(name) || ReadHere.Contains(name) || name.Equals(HandlerInvoker.InvocationIdHeader, StringComparison.OrdinalIgnoreCase)
                    || name.Equals(InvocationTrace.Header, StringComparison.OrdinalIgnoreCase)) continue;
                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                    forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            forward.Headers.Add(HandlerInvoker.InvocationIdHeader, id.ToString());
            forward.Headers.Add(InvocationTrace.Header, InvocationTrace.Continue(request.Headers[InvocationTrace.Header].FirstOrDefault()));

            using var answer = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var response = context.Response;
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
                if (!HopByHop.Contains(name))
                    response.Headers[name] = values.ToArray();
            await answer.Content.CopyToAsync(response.Body, limit.Token);
        }
        catch (Exception e) when (ClientFaults.Refusal(e) is { } refused)   // the client's body: cut short, too slow, too large
        {
            (outcome, note) = ("Rejected", $"  The request to 'Functions.{function.Name}' (Id={id}) was answered {refused.StatusCode}: {refused.Message}");
            if (!context.Response.HasStarted)
                await Problems.Refused(refused).ExecuteAsync(context);
        }
        catch (Exception e) when (ClientFaults.WentAway(e, context))
        {
            context.Abort();   // the connection is gone: Kestrel is not to drain a body no one is sending
            (outcome, note) = ("Cancelled", $"  The client of 'Functions.{function.Name}' (Id={id}) went away before it was answered.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            var failure = e is OperationCanceledException ? $"the handler did not answer within {timeout}." : $"the handler could not be reached: {e.Message}";
            (outcome, note) = ("Failed", $"  Failure of 'Functions.{function.Name}' (Id={id}): {failure}");
            if (!context.Response.HasStarted)
                await Problems.InvocationFailed(function.Name, id).ExecuteAsync(context);
        }
        var executed = $"Executed 'Functions.{function.Name}' ({outcome}, Id={id}, Duration={started.ElapsedMilliseconds}ms)";
        if (outcome == "Succeeded") console.Invocation(executed);
        else console.Log(executed);
        if (note.Length > 0)
            console.Log(note);
    }
}
