using Microsoft.Extensions.Configuration;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>The dead letters are read where the queues are carried: Service Bus when the bindings' connection is set, else storage queues.</summary>
public sealed class DeadLetterSetupTests
{
    private static IDeadLetters Chosen(params (string Key, string Value)[] settings) => DeadLetterSetup.Choose(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private const string Storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;";

    [Fact]
    public void A_service_bus_connection_string_chooses_service_bus() =>
        Assert.IsType<ServiceBusDeadLetters>(Chosen(("AzureWebJobsStorage", Storage),
            ("ServiceBusConnection", "Endpoint=sb://outcomes.servicebus.windows.net/;SharedAccessKeyName=ops;SharedAccessKey=c2VjcmV0")));

    [Fact]
    public void The_identity_based_namespace_setting_chooses_service_bus() =>
        Assert.IsType<ServiceBusDeadLetters>(Chosen(("AzureWebJobsStorage", Storage),
            ("ServiceBusConnection:fullyQualifiedNamespace", "outcomes.servicebus.windows.net")));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Without_a_service_bus_connection_the_local_hosts_storage_queues_are_read(string? connection) =>
        Assert.IsType<QueueDeadLetters>(connection is null
            ? Chosen(("AzureWebJobsStorage", Storage))
            : Chosen(("AzureWebJobsStorage", Storage), ("ServiceBusConnection", connection)));
}
