using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Handler;
using Outcomes.LocalHost.Outputs;

namespace Outcomes.LocalHost.Invocation;

/// <summary>
/// Invokes a function as the host's DefaultHttpWorkerService does: POST /{Name} with {Data, Metadata}, the header
/// X-Azure-Functions-InvocationId and a W3C traceparent continuing the caller's trace (<see cref="InvocationTrace"/>); a
/// non-2xx answer or one that is not an invocation response fails the invocation, and only a successful one has its
/// outputs bound. The handler's Logs are printed (held back with the invocation's other lines while the console is
/// quiet); message bodies never are.
/// </summary>
internal sealed class HandlerInvoker(
    HttpClient http, IHandlerEndpoint handler, OutputBinder outputs, HostConsole console, TimeSpan timeout) : IFunctionInvoker
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public async Task<InvocationResult> InvokeAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, string reason, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        console.Invocation($"Executing 'Functions.{function.Name}' (Reason='{reason}', Id={id})");
        var started = Stopwatch.StartNew();
        var result = await RunAsync(function, id, new JsonObject { ["Data"] = data, ["Metadata"] = metadata }, ct);
        var outcome = result.Succeeded ? "Succeeded" : "Failed";
        var executed = $"Executed 'Functions.{function.Name}' ({outcome}, Id={id}, Duration={started.ElapsedMilliseconds}ms)";
        if (result.Succeeded) console.Invocation(executed);
        else console.Log(executed);
        if (!result.Succeeded)
            console.Log($"  Failure of 'Functions.{function.Name}' (Id={id}): {result.Failure}");
        return result with { InvocationId = id };
    }

    private async Task<InvocationResult> RunAsync(FunctionDefinition function, Guid id, JsonObject payload, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        JsonObject answer;
        var traceparent = InvocationTrace.Continue(InvocationTrace.ParentIn((JsonObject)payload["Metadata"]!));
        try
        {
            var address = await handler.WhenReadyAsync(limit.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, function.Name)) { Content = JsonContent.Create(payload) };
            request.Headers.Add(InvocationIdHeader, id.ToString());
            request.Headers.Add(InvocationTrace.Header, traceparent);
            using var response = await http.SendAsync(request, limit.Token);
            if (!response.IsSuccessStatusCode)
                return InvocationResult.Failed($"the handler answered {(int)response.StatusCode} ({response.ReasonPhrase}){await ProblemTitleAsync(response, limit.Token)}");
            try
            {
                answer = await response.Content.ReadFromJsonAsync<JsonObject>(limit.Token)
                    ?? throw new JsonException("the body is null");
            }
            catch (JsonException e) { return InvocationResult.Failed($"the handler's answer is not an invocation response: {e.Message}"); }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return InvocationResult.Failed($"the handler did not answer within {timeout} (functionTimeout + 1 minute).");
        }
        catch (HttpRequestException e)
        {
            return InvocationResult.Failed($"the handler could not be reached ({e.HttpRequestError}: {e.Message}).");
        }
        catch (IOException e)
        {
            return InvocationResult.Failed($"the connection to the handler broke: {e.Message}");
        }

        // The handler's own lines about an invocation it answered: quiet while the demo seeds, like the invocation's start and end.
        if (answer["Logs"] is JsonArray logs)
            foreach (var line in logs)
                console.Invocation($"  {line}");
        var outputValues = answer["Outputs"] as JsonObject ?? [];
        try
        {
            await outputs.BindAsync(function, outputValues, ct, traceparent);
        }
        catch (OutputBindingException e) { return InvocationResult.Failed(e.Message); }
        return InvocationResult.Success(outputValues);
    }

    /// <summary>The title of a problem+json answer, which names what went wrong without the request's data.</summary>
    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "";
        try
        {
            return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["title"]?.ToString() is { Length: > 0 } title ? $": {title}" : "";
        }
        catch (JsonException) { return ""; }
    }
}
