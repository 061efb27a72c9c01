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

    /// <summary>Storage as it is while Azurite is away: the next <see cref="FailNext"/> requests fail before reaching it.</summary>
    private sealed class StorageAway() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int FailNext;
        public int Failed;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (Interlocked.Decrement(ref FailNext) < 0)
                return base.SendAsync(request, ct);
            Interlocked.Increment(ref Failed);
            throw new HttpRequestException("Connection refused (127.0.0.1)");
        }
    }

    [Fact]
    public async Task A_listener_outlives_storage_that_is_away_longer_than_the_sdks_retries_and_delivers_what_came_meanwhile()
    {
        HandlerAnswers(InvocationResult.Success([]));
        var away = new StorageAway();
        var options = new QueueClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(away)) };
        (options.Retry.MaxRetries, options.Retry.Delay) = (1, TimeSpan.FromMilliseconds(10));   // run out at once: the SDK then throws an AggregateException
        var function = Functions.ServiceBusTriggered("RecordSurveyResponse", queueName);
        var listener = new ServiceBusListener(function, new QueueServiceClient(azurite.ConnectionString, options), invoker.Object,
            new ServiceBusListenerOptions(3, MaxConcurrentCalls: 4, AbandonDelay: TimeSpan.Zero, EmptyPollDelay: TimeSpan.FromMilliseconds(50)),
            Functions.QuietConsole(console), TimeProvider.System);
        await listener.CreateQueuesAsync(CancellationToken.None);
        away.FailNext = 8;

        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);
        await SendAsync(ServiceBusEnvelope.Create(SurveyAnswer, "application/json", DateTimeOffset.UtcNow).ToQueueText());
        var deadline = DateTime.UtcNow + Patience;
        while (invocations.IsEmpty && !running.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await stop.CancelAsync();
        await running;

        Assert.True(away.Failed >= 8, $"only {away.Failed} requests failed");
        Assert.Single(invocations);
        Assert.Contains("AggregateException", console.ToString());
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
