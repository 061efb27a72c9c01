using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>
/// What carries the app's Service Bus bindings here: Azurite storage queues (<see cref="AzuriteQueueTransport"/>, the
/// default and what the tests run) or a real namespace (<see cref="ServiceBusNamespaceTransport"/>, when the bindings'
/// connection setting is set). Chosen by <see cref="QueueTransports"/>.
/// </summary>
internal interface IQueueTransport : IAsyncDisposable
{
    /// <summary>Names the transport in the start-up line.</summary>
    string Description { get; }

    /// <summary>The listener that delivers <paramref name="function"/>'s queue to the handler through <paramref name="invoker"/>.</summary>
    IQueueListener Listener(FunctionDefinition function, IFunctionInvoker invoker);

    /// <summary>
    /// Sends one message of a serviceBus output binding, with the sending invocation's trace context (when it has one) in
    /// its <c>Diagnostic-Id</c> application property, as <c>Azure.Messaging.ServiceBus</c> stamps it.
    /// </summary>
    Task SendAsync(string queueName, string body, string? contentType, string? traceparent, CancellationToken ct);
}

/// <summary>One serviceBusTrigger function's delivery loop.</summary>
internal interface IQueueListener
{
    string FunctionName { get; }

    Task CreateQueuesAsync(CancellationToken ct);

    /// <summary>Delivers until <paramref name="ct"/> is cancelled, then waits for the deliveries in flight.</summary>
    Task RunAsync(CancellationToken ct);
}
