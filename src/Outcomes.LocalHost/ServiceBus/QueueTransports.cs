using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Outcomes.LocalHost.Configuration;

namespace Outcomes.LocalHost.ServiceBus;

/// <summary>
/// Chooses how the Service Bus bindings are carried, as Core Tools would: over the namespace their <c>connection</c>
/// setting names (a connection string, or <c>{connection}__fullyQualifiedNamespace</c> reached with the developer's Azure
/// sign-in), else over Azurite queues.
/// </summary>
internal static class QueueTransports
{
    /// <summary>The namespace the bindings name, or null for Azurite: a connection string or a fully qualified namespace.</summary>
    internal static (string Setting, string Value, bool IdentityBased)? Namespace(IEnumerable<FunctionDefinition> functions, AppSettings settings)
    {
        var named = functions.SelectMany(f => f.Bindings.Where(b => b.Type.StartsWith(BindingTypes.ServiceBus, StringComparison.OrdinalIgnoreCase))
                .Select(b => (Function: f.Name, Binding: b.Name, Connection: b.Get("connection") ?? "AzureWebJobsServiceBus")))
            .Select(b => (b.Function, b.Binding, b.Connection, Value: Resolve(b.Connection, settings)))
            .ToList();
        if (named.All(b => b.Value is null))
            return null;
        if (named.FirstOrDefault(b => b.Value is null) is { Function: not null } unset)
            throw new HostConfigurationException(
                $"Function '{unset.Function}', binding '{unset.Binding}': app setting '{unset.Connection}' is empty in {settings.Source}, while other Service Bus " +
                "bindings name a namespace. Set it too, or leave all of them empty to use Azurite queues.");
        if (named.Select(b => b.Value!.Value.Value).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new HostConfigurationException($"The Service Bus bindings name more than one namespace in {settings.Source}; this local host carries one.");
        return named[0].Value;
    }

    private static (string Setting, string Value, bool IdentityBased)? Resolve(string connection, AppSettings settings) =>
        settings[connection] is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? (connection, text, false)
        : settings[connection + "__fullyQualifiedNamespace"] is { Length: > 0 } ns && !string.IsNullOrWhiteSpace(ns) ? (connection + "__fullyQualifiedNamespace", ns, true)
        : null;

    public static IQueueTransport For(IEnumerable<FunctionDefinition> functions, AppSettings? settings, string storage, HostJson host,
        ServiceBusListenerOptions azuriteOptions, HostConsole console, TimeProvider clock)
    {
        if (settings is not null && Namespace(functions, settings) is { } target)
        {
            ServiceBusClient client;
            try
            {
                client = target.IdentityBased
                    ? new ServiceBusClient(target.Value, new DefaultAzureCredential())
                    : new ServiceBusClient(target.Value);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new HostConfigurationException($"App setting '{target.Setting}' in {settings.Source} is not a Service Bus connection string or namespace: {e.Message}");
            }
            return new ServiceBusNamespaceTransport(client, host.MaxConcurrentCalls, ServiceBusListenerOptions.LockDuration, console, clock);
        }
        return new AzuriteQueueTransport(new QueueServiceClient(storage), azuriteOptions, console, clock);
    }
}
