using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Moq;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.ServiceBus;

namespace Outcomes.LocalHost.Tests;

/// <summary>
/// The transport over a real namespace, without one: messages made by the SDK's <see cref="ServiceBusModelFactory"/>, the
/// processor's receiver mocked (settling goes through it), the processor itself a test subclass the SDK allows for.
/// What a namespace does with a completed or abandoned message (redelivery, dead-lettering) is not exercised here.
/// </summary>
public sealed class ServiceBusProcessorListenerTests
{
    private static readonly FunctionDefinition Function = Functions.ServiceBusTriggered("RecordSurveyResponse", "survey-responses");

    private readonly Mock<IFunctionInvoker> invoker = new();
    private readonly Mock<ServiceBusReceiver> receiver = new();
    private readonly TestProcessor processor = new();
    private JsonObject? data;
    private JsonObject? metadata;

    private ServiceBusProcessorListener Listener(InvocationResult result)
    {
        invoker.Setup(i => i.InvokeAsync(Function, It.IsAny<JsonObject>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<FunctionDefinition, JsonObject, JsonObject, string, CancellationToken>((_, d, m, _, _) => (data, metadata) = (d, m))
            .ReturnsAsync(result);
        return new ServiceBusProcessorListener(Function, processor, invoker.Object, Functions.QuietConsole(), TimeProvider.System);
    }

    private static ServiceBusReceivedMessage Message(int deliveryCount = 2) => ServiceBusModelFactory.ServiceBusReceivedMessage(
        body: BinaryData.FromString("{\"responseId\":\"r-1\"}"), messageId: "m-42", contentType: "application/json", correlationId: "c-7",
        properties: new Dictionary<string, object> { ["origin"] = "survey-page", ["attempt"] = 3 }, deliveryCount: deliveryCount, sequenceNumber: 1234,
        enqueuedTime: new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_message_is_one_invocation_with_the_hosts_payload_and_is_completed_when_it_succeeds()
    {
        var listener = Listener(InvocationResult.Success([]));
        var message = Message(deliveryCount: 2);

        await listener.ProcessAsync(new ProcessMessageEventArgs(message, receiver.Object, CancellationToken.None));

        receiver.Verify(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal("{\"responseId\":\"r-1\"}", data!["response"]!.GetValue<string>());
        Assert.Equal(("m-42", 2, 1234L, "application/json", "c-7"), (metadata!["MessageId"]!.GetValue<string>(), metadata["DeliveryCount"]!.GetValue<int>(),
            metadata["SequenceNumber"]!.GetValue<long>(), metadata["ContentType"]!.GetValue<string>(), metadata["CorrelationId"]!.GetValue<string>()));
        Assert.Equal("survey-page", metadata["ApplicationProperties"]!["origin"]!.GetValue<string>());
        Assert.Equal(3, metadata["ApplicationProperties"]!["attempt"]!.GetValue<int>());
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), metadata["EnqueuedTimeUtc"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task A_failed_invocation_abandons_the_message_so_the_namespace_delivers_it_again_or_dead_letters_it()
    {
        var listener = Listener(InvocationResult.Failed("the handler answered 500"));
        var message = Message();

        await listener.ProcessAsync(new ProcessMessageEventArgs(message, receiver.Object, CancellationToken.None));

        receiver.Verify(r => r.AbandonMessageAsync(message, null, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Running_starts_the_processor_hands_it_the_handler_and_stops_it_when_the_host_stops()
    {
        var listener = Listener(InvocationResult.Success([]));
        using var stopping = new CancellationTokenSource();

        var running = listener.RunAsync(stopping.Token);
        await processor.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await processor.DeliverAsync(new ProcessMessageEventArgs(Message(), receiver.Object, CancellationToken.None));
        await stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(processor.Stopped);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>A processor that receives nothing itself: the SDK's mocking constructor, its start and stop overridden.</summary>
    private sealed class TestProcessor : ServiceBusProcessor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stopped { get; private set; }

        public override string EntityPath => "survey-responses";

        public Task DeliverAsync(ProcessMessageEventArgs args) => OnProcessMessageAsync(args);

        public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public override Task StopProcessingAsync(CancellationToken cancellationToken = default)
        {
            Stopped = true;
            return Task.CompletedTask;
        }
    }
}
