using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Invocation;

/// <summary>How one invocation ended: the handler's <c>Outputs</c> when it succeeded, the reason when it failed.</summary>
internal sealed record InvocationResult(bool Succeeded, JsonObject Outputs, string? Failure)
{
    public Guid InvocationId { get; init; }

    public static InvocationResult Success(JsonObject outputs) => new(true, outputs, null);

    public static InvocationResult Failed(string why) => new(false, [], why);
}
