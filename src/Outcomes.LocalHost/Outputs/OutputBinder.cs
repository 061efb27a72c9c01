using System.Text.Json.Nodes;
using Azure;
using Azure.Messaging.ServiceBus;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost.Outputs;

/// <summary>
/// Delivers a successful invocation's Outputs by binding type: serviceBus → the queue named by queueName, over the queue transport (Azurite or a namespace) (one message per
/// element of an array; a string is the body as is, any other JSON value is serialized); sendGrid and twilioSms → the outbox.
/// The HTTP output is the caller's business. A Service Bus message carries the sending invocation's trace context in its
/// <c>Diagnostic-Id</c> application property, as <c>Azure.Messaging.ServiceBus</c> stamps it, so its delivery continues that trace.
/// </summary>
internal sealed class OutputBinder(IQueueTransport queues, Outbox outbox)
{
    public async Task BindAsync(FunctionDefinition function, JsonObject outputs, CancellationToken ct, string? traceparent = null)
    {
        foreach (var binding in function.Outputs)
        {
            if (binding.Type.Equals(BindingTypes.Http, StringComparison.OrdinalIgnoreCase)) continue;
            if (!outputs.TryGetPropertyValue(binding.Name, out var value) || value is null) continue;
            var messages = value is JsonArray array ? array.ToList() : [value];
            if (binding.Type.Equals(BindingTypes.ServiceBus, StringComparison.OrdinalIgnoreCase))
                await SendAsync(function, binding, messages, traceparent, ct);
            else if (BindingTypes.IsOutbox(binding.Type))
                await outbox.WriteAsync(function.Name, binding.Name, messages, ct);
        }
    }

    private async Task SendAsync(FunctionDefinition function, BindingDefinition binding, IReadOnlyList<JsonNode?> messages, string? traceparent, CancellationToken ct)
    {
        var queueName = binding.Get("queueName")!;
        try
        {
            foreach (var message in messages)
            {
                if (message is null) continue;
                var (body, contentType) = message is JsonValue v && v.TryGetValue<string>(out var text)
                    ? (text, (string?)null)
                    : (message.ToJsonString(), "application/json");
                await queues.SendAsync(queueName, body, contentType, traceparent, ct);
            }
        }
        catch (RequestFailedException e)
        {
            throw new OutputBindingException($"output '{binding.Name}' of '{function.Name}' could not be sent to queue '{queueName}': {e.ErrorCode ?? e.Status.ToString()}", e);
        }
        catch (ServiceBusException e)
        {
            throw new OutputBindingException($"output '{binding.Name}' of '{function.Name}' could not be sent to queue '{queueName}': {e.Reason}", e);
        }
    }
}
