using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outcomes.Storage;

/// <summary>
/// Chooses the dead-letter store the way the queues themselves are carried: Service Bus when the handler's settings name
/// the namespace the bindings use (<c>ServiceBusConnection</c>, a connection string, or its identity-based form
/// <c>ServiceBusConnection__fullyQualifiedNamespace</c>), else the local host's storage queues over
/// <c>AzureWebJobsStorage</c>.
/// </summary>
public static class DeadLetterSetup
{
    /// <summary>The <c>connection</c> every Service Bus binding of the app's function.json files names.</summary>
    public const string ServiceBusSetting = "ServiceBusConnection";

    public static IServiceCollection AddOutcomesDeadLetters(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(_ => Choose(configuration));

    internal static IDeadLetters Choose(IConfiguration configuration)
    {
        if (configuration[ServiceBusSetting] is { Length: > 0 } connection)
            return new ServiceBusDeadLetters(new ServiceBusClient(connection));
        if (configuration.GetSection(ServiceBusSetting)["fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace)
            return new ServiceBusDeadLetters(new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential()));
        return new QueueDeadLetters(QueueService(configuration));
    }

    private static QueueServiceClient QueueService(IConfiguration configuration)
    {
        var options = new QueueClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Mode = RetryMode.Exponential } };
        if (configuration[StorageSetup.ConnectionSetting] is { Length: > 0 } connection)
            return new QueueServiceClient(connection, options);
        var identityBased = configuration.GetSection(StorageSetup.ConnectionSetting);
        if (identityBased["queueServiceUri"] is { Length: > 0 } uri)
            return new QueueServiceClient(new Uri(uri), new DefaultAzureCredential(), options);
        if (identityBased["accountName"] is { Length: > 0 } account)
            return new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), new DefaultAzureCredential(), options);
        throw new InvalidOperationException(
            $"Outcomes needs its queues' dead letters: set {ServiceBusSetting}, or {StorageSetup.ConnectionSetting} for the local host's storage queues.");
    }
}
