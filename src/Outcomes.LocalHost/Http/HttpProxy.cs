using System.Diagnostics;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Handler;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// The proxied form (enableProxyingHttpRequest, and a function whose only bindings are the HTTP trigger and HTTP output): the
/// raw request goes to the handler at the same path and query, and its response comes back as is, minus hop-by-hop headers.
/// </summary>
internal sealed class HttpProxy(HttpClient http, IHandlerEndpoint handler, HostConsole console, TimeSpan timeout)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    public async Task ForwardAsync(HttpContext context, FunctionDefinition function)
    {
        var id = Guid.NewGuid();
        console.Log($"Executing 'Functions.{function.Name}' (Reason='This function was programmatically called via the host APIs.', Id={id})");
        var started = Stopwatch.StartNew();
        string outcome = "Succeeded", note = "";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(timeout);
        try
        {
            var address = await handler.WhenReadyAsync(limit.Token);
            var request = context.Request;
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(address, request.Path + request.QueryString));
            if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
                forward.Content = new StreamContent(request.Body);
            foreach (var (name, values) in request.Headers)
            {
                if (HopByHop.Contains(name)) continue;
                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                    forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            forward.Headers.Add(HandlerInvoker.InvocationIdHeader, id.ToString());

            using var answer = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var response = context.Response;
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
                if (!HopByHop.Contains(name))
                    response.Headers[name] = values.ToArray();
            await answer.Content.CopyToAsync(response.Body, limit.Token);
        }
        catch (Exception e) when (ClientFaults.Refusal(e) is { } refused)   // the client's body, read while it was being forwarded
        {
            (outcome, note) = ("Rejected", $"  The request to 'Functions.{function.Name}' (Id={id}) was answered {refused.StatusCode}: {refused.Message}");
            if (!context.Response.HasStarted)
                await Problems.Refused(refused).ExecuteAsync(context);
        }
        catch (Exception e) when (ClientFaults.WentAway(e, context))
        {
            (outcome, note) = ("Cancelled", $"  The client of 'Functions.{function.Name}' (Id={id}) went away before it was answered.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            var failure = e is OperationCanceledException ? $"the handler did not answer within {timeout}." : $"the handler could not be reached: {e.Message}";
            (outcome, note) = ("Failed", $"  Failure of 'Functions.{function.Name}' (Id={id}): {failure}");
            if (!context.Response.HasStarted)
                await Problems.InvocationFailed(function.Name, id).ExecuteAsync(context);
        }
        console.Log($"Executed 'Functions.{function.Name}' ({outcome}, Id={id}, Duration={started.ElapsedMilliseconds}ms)");
        if (note.Length > 0)
            console.Log(note);
    }
}
