using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Moq;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.ServiceBus;
using Outcomes.Testing;

namespace Outcomes.LocalHost.Tests;

public sealed class ServiceBusListenerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SurveyAnswer = """{"token":"t-1","pain":3}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string queueName = AzuriteFixture.UniqueName("survey-responses-");
    private readonly Mock<IFunctionInvoker> invoker = new();
    private readonly ConcurrentQueue<(JsonObject Data, JsonObject Metadata)> invocations = new();
    private readonly StringWriter console = new();

    private QueueClient Queue(string name) => new(azurite.ConnectionString, name);

    private void HandlerAnswers(InvocationResult result) => invoker
        .Setup(i => i.InvokeAsync(It.IsAny<FunctionDefinition>(), It.IsAny<JsonObject>(), It.IsAny<JsonObject>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
        .Callback((FunctionDefinition _, JsonObject data, JsonObject metadata, string _, CancellationToken _) => invocations.Enqueue((data, metadata)))
        .ReturnsAsync(result);

    private async Task<T> ListenUntilAsync<T>(int maxDeliveryCount, Func<Task<T?>> done, string? sentFirst = null) where T : class
    {
        var function = Functions.ServiceBusTriggered("RecordSurveyResponse", queueName);
        var listener = new ServiceBusListener(function, new QueueServiceClient(azurite.ConnectionString), invoker.Object,
            new ServiceBusListenerOptions(maxDeliveryCount, MaxConcurrentCalls: 4, AbandonDelay: TimeSpan.Zero, EmptyPollDelay: TimeSpan.FromMilliseconds(50)),
            Functions.QuietConsole(console), TimeProvider.System);
        await listener.CreateQueuesAsync(CancellationToken.None);
        if (sentFirst is not null) await SendAsync(sentFirst);
        await SendAsync(ServiceBusEnvelope.Create(SurveyAnswer, "application/json", DateTimeOffset.UtcNow).ToQueueText());

        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);
        try
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (await done() is { } result) return result;
                await Task.Delay(100);
            }
            throw new TimeoutException("The listener did not settle the message in time.");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private Task SendAsync(string text) => Queue(queueName).SendMessageAsync(text);

    private async Task<string?> DeadLetteredAsync()
    {
        var peeked = await Queue(ServiceBusListener.DeadLetterQueueName(queueName)).PeekMessagesAsync(1);
        return peeked.Value.FirstOrDefault()?.MessageText;
    }

    [Fact]
    public async Task A_failing_message_is_redelivered_with_a_growing_delivery_count_then_dead_lettered_after_the_maximum()
    {
        HandlerAnswers(InvocationResult.Failed("the handler answered 500 (Internal Server Error)"));

        var deadLetter = await ListenUntilAsync(maxDeliveryCount: 3, DeadLetteredAsync);

        Assert.Equal([1, 2, 3], invocations.Select(i => i.Metadata["DeliveryCount"]!.GetValue<int>()));
        var envelope = JsonSerializer.Deserialize<ServiceBusEnvelope>(deadLetter)!;
        Assert.Equal(ServiceBusListener.MaxDeliveryCountExceeded, envelope.DeadLetterReason);
        Assert.Equal("the handler answered 500 (Internal Server Error)", envelope.DeadLetterErrorDescription);
        Assert.Equal(SurveyAnswer, envelope.Body);
        Assert.Empty((await Queue(queueName).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task A_message_the_handler_accepts_is_completed_and_not_delivered_again()
    {
        HandlerAnswers(InvocationResult.Success([]));

        await ListenUntilAsync(maxDeliveryCount: 3, async () =>
            (await Queue(queueName).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 && !invocations.IsEmpty ? "completed" : null);
        await Task.Delay(300);

        var (data, metadata) = Assert.Single(invocations);
        Assert.Equal(SurveyAnswer, data["response"]!.GetValue<string>());
        Assert.Equal(1, metadata["DeliveryCount"]!.GetValue<int>());
        Assert.Equal("application/json", metadata["ContentType"]!.GetValue<string>());
        Assert.Equal("RecordSurveyResponse", metadata["sys"]!["MethodName"]!.GetValue<string>());
        Assert.Null(await DeadLetteredAsync());
    }

    [Fact]
    public async Task A_message_that_is_not_an_envelope_is_dead_lettered_and_the_listener_goes_on()
    {
        HandlerAnswers(InvocationResult.Success([]));

        var deadLetter = await ListenUntilAsync(maxDeliveryCount: 3, async () =>
            await DeadLetteredAsync() is { } text && !invocations.IsEmpty ? text : null, sentFirst: "not an envelope");

        Assert.Equal(ServiceBusListener.NotAnEnvelope, JsonSerializer.Deserialize<ServiceBusEnvelope>(deadLetter)!.DeadLetterReason);
        Assert.Single(invocations);   // the envelope sent after it was still delivered
    }

    [Fact]
    public async Task The_console_never_shows_the_message_body()
    {
        HandlerAnswers(InvocationResult.Failed("the handler answered 500 (Internal Server Error)"));

        await ListenUntilAsync(maxDeliveryCount: 2, DeadLetteredAsync);

        Assert.Contains("moved to", console.ToString());
        Assert.DoesNotContain("t-1", console.ToString());
    }
}
