using System.Text.Json.Nodes;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.Timers;

/// <summary>A timer trigger's invocation payload, as the host sends it (functions-bindings-timer.md).</summary>
internal static class TimerPayload
{
    /// <param name="last">The previous run's schedule time; DateTime.MinValue before the first, as the host reports without status.</param>
    public static JsonObject Data(FunctionDefinition function, DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now) => new()
    {
        [function.Trigger.Name] = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject
            {
                ["Last"] = (last ?? DateTimeOffset.MinValue).UtcDateTime,
                ["Next"] = next.UtcDateTime,
                ["LastUpdated"] = now.UtcDateTime,
            },
            ["IsPastDue"] = false,
        },
    };

    public static JsonObject Metadata(FunctionDefinition function, TimeProvider clock) => new() { ["sys"] = SystemMetadata.For(function.Name, clock) };
}
