using System.Text.Json.Nodes;
using Outcomes.LocalHost.Configuration;

namespace Outcomes.LocalHost.Invocation;

/// <summary>Runs one invocation of a function in the handler: POST /{Name} with Data and Metadata, then its output bindings.</summary>
internal interface IFunctionInvoker
{
    /// <param name="reason">Why it runs, for the "Executing" log line (never a message body).</param>
    Task<InvocationResult> InvokeAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, string reason, CancellationToken ct);
}
