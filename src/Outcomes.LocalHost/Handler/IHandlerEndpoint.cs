namespace Outcomes.LocalHost.Handler;

/// <summary>The readiness gate in front of the handler: invocations wait here while it starts or restarts.</summary>
internal interface IHandlerEndpoint
{
    /// <summary>The handler's base address (http://127.0.0.1:{port}/) once it accepts connections.</summary>
    Task<Uri> WhenReadyAsync(CancellationToken ct);
}
