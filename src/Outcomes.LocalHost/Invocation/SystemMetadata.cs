using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Invocation;

/// <summary>The <c>Metadata.sys</c> object the host adds to every invocation.</summary>
internal static class SystemMetadata
{
    public static JsonObject For(string functionName, TimeProvider clock) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = clock.GetUtcNow().UtcDateTime,
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}
