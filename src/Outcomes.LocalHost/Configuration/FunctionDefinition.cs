using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Configuration;

/// <summary>How the local host calls a function, decided as the real host decides it.</summary>
internal enum FunctionKind
{
    /// <summary>HTTP trigger + HTTP output only, with proxying on: the raw request goes to the handler at the same path.</summary>
    ProxiedHttp,
    /// <summary>Any other HTTP function: POST /{Name} with the request under Data.{trigger}, the response under Outputs.{http out}.</summary>
    WrappedHttp,
    Timer,
    ServiceBus,
}

/// <summary>One binding of a function.json; every string property has its %settings% expanded.</summary>
internal sealed record BindingDefinition(string Type, string Direction, string Name, JsonObject Properties)
{
    public string? Get(string property) => Properties[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A function: its folder name and the bindings of its function.json.</summary>
internal sealed record FunctionDefinition(string Name, FunctionKind Kind, BindingDefinition Trigger, IReadOnlyList<BindingDefinition> Bindings)
{
    public IEnumerable<BindingDefinition> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>The HTTP output binding of an HTTP function, if it has one.</summary>
    public BindingDefinition? HttpOutput => Outputs.FirstOrDefault(b => b.Type.Equals(BindingTypes.Http, StringComparison.OrdinalIgnoreCase));
}

internal static class BindingTypes
{
    public const string HttpTrigger = "httpTrigger";
    public const string Http = "http";
    public const string TimerTrigger = "timerTrigger";
    public const string ServiceBusTrigger = "serviceBusTrigger";
    public const string ServiceBus = "serviceBus";
    public const string SendGrid = "sendGrid";
    public const string TwilioSms = "twilioSms";

    /// <summary>The binding types this app uses; the local host carries no others.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(
        [HttpTrigger, Http, TimerTrigger, ServiceBusTrigger, ServiceBus, SendGrid, TwilioSms], StringComparer.OrdinalIgnoreCase);

    public static bool IsOutbox(string type) =>
        type.Equals(SendGrid, StringComparison.OrdinalIgnoreCase) || type.Equals(TwilioSms, StringComparison.OrdinalIgnoreCase);
}
