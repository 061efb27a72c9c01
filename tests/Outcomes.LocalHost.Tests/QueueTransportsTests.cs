using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost.Tests;

/// <summary>Which transport carries the Service Bus bindings: the namespace their connection setting names, else Azurite queues.</summary>
public sealed class QueueTransportsTests
{
    private const string ConnectionString = "Endpoint=sb://outcomes-dev.servicebus.windows.net/;SharedAccessKeyName=dev;SharedAccessKey=c2VjcmV0";

    private static readonly FunctionDefinition[] App =
    [
        Functions.ServiceBusTriggered("RecordSurveyResponse", "survey-responses"),
        Functions.Define("SubmitSurveyResponse", FunctionKind.WrappedHttp, Functions.Binding("httpTrigger", "in", "req", ("route", "surveys/{token}")),
            Functions.Binding("serviceBus", "out", "response", ("queueName", "survey-responses"), ("connection", "ServiceBusConnection"))),
    ];

    private static readonly HostJson Host = new("handler", [], "", EnableProxyingHttpRequest: true, "api", 16, TimeSpan.FromMinutes(5));

    private static async Task<IQueueTransport> ChosenAsync(params (string, string)[] settings)
    {
        var transport = QueueTransports.For(App, Functions.Settings(settings), "UseDevelopmentStorage=true", Host,
            new ServiceBusListenerOptions(10, 16, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500)), Functions.QuietConsole(), TimeProvider.System);
        await transport.DisposeAsync();
        return transport;
    }

    [Fact]
    public async Task An_empty_connection_setting_carries_the_bindings_over_azurite_queues() =>
        Assert.IsType<AzuriteQueueTransport>(await ChosenAsync(("ServiceBusConnection", "")));

    [Fact]
    public async Task A_connection_string_carries_them_over_its_namespace()
    {
        var transport = await ChosenAsync(("ServiceBusConnection", ConnectionString));

        Assert.IsType<ServiceBusNamespaceTransport>(transport);
        Assert.Contains("outcomes-dev.servicebus.windows.net", transport.Description);
    }

    [Fact]
    public async Task The_identity_based_namespace_setting_carries_them_over_that_namespace()
    {
        var transport = await ChosenAsync(("ServiceBusConnection", ""), ("ServiceBusConnection__fullyQualifiedNamespace", "outcomes-dev.servicebus.windows.net"));

        Assert.IsType<ServiceBusNamespaceTransport>(transport);
        Assert.Contains("outcomes-dev.servicebus.windows.net", transport.Description);
    }

    [Fact]
    public void A_setting_that_is_not_a_connection_string_stops_the_host_with_the_settings_name()
    {
        var refused = Assert.Throws<HostConfigurationException>(() => QueueTransports.For(App, Functions.Settings(("ServiceBusConnection", "not a connection string")),
            "UseDevelopmentStorage=true", Host, new ServiceBusListenerOptions(10, 16, TimeSpan.Zero, TimeSpan.Zero), Functions.QuietConsole(), TimeProvider.System));

        Assert.Contains("'ServiceBusConnection'", refused.Message);
    }

    [Fact]
    public void Bindings_naming_two_settings_of_which_one_is_empty_are_refused_rather_than_split_across_transports()
    {
        FunctionDefinition[] app = [App[0], Functions.Define("Other", FunctionKind.ServiceBus,
            Functions.Binding("serviceBusTrigger", "in", "m", ("queueName", "other"), ("connection", "OtherConnection")))];

        var refused = Assert.Throws<HostConfigurationException>(() =>
            QueueTransports.Namespace(app, Functions.Settings(("ServiceBusConnection", ConnectionString), ("OtherConnection", ""))));

        Assert.Contains("'OtherConnection'", refused.Message);
    }
}
