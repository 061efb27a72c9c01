using Azure.Messaging.ServiceBus;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>
/// One serviceBusTrigger function over a real queue: each message the processor receives is one invocation with the
/// payload the host sends (<see cref="ServiceBusDelivery"/>); success completes it, failure abandons it, and Service Bus
/// redelivers it until the queue's maxDeliveryCount, then dead-letters it itself.
/// </summary>
internal sealed class ServiceBusProcessorListener(
    FunctionDefinition function, ServiceBusProcessor processor, IFunctionInvoker invoker, HostConsole console, TimeProvider clock) : IQueueListener
{
    public string FunctionName => function.Name;

    /// <summary>The namespace's queues are made with it (infra/ in Azure), not by the host.</summary>
    public Task CreateQueuesAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken ct)
    {
        processor.ProcessMessageAsync += ProcessAsync;
        processor.ProcessErrorAsync += ReportAsync;
        try
        {
            await processor.StartProcessingAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            await processor.StopProcessingAsync(CancellationToken.None);   // waits for the invocations in flight
            processor.ProcessMessageAsync -= ProcessAsync;
            processor.ProcessErrorAsync -= ReportAsync;
        }
    }

    internal async Task ProcessAsync(ProcessMessageEventArgs args)
    {
        var message = args.Message;
        var reason = $"New ServiceBus message detected on '{processor.EntityPath}' (MessageId={message.MessageId}, DeliveryCount={message.DeliveryCount})";
        var result = await invoker.InvokeAsync(function, ServiceBusDelivery.Data(function, message), ServiceBusDelivery.Metadata(function, message, clock),
            reason, args.CancellationToken);
        if (result.Succeeded)
            await args.CompleteMessageAsync(message, CancellationToken.None);
        else
            await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
    }

    internal Task ReportAsync(ProcessErrorEventArgs args)
    {
        console.Log($"Listener of 'Functions.{function.Name}' on '{args.EntityPath}': {args.ErrorSource} failed ({Backoff.Describe(args.Exception)}); the processor goes on.");
        return Task.CompletedTask;
    }
}
