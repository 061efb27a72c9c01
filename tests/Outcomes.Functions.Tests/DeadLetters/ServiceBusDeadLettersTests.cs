using Azure.Messaging.ServiceBus;
using Moq;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// The Service Bus adapter against the SDK's own types: <see cref="ServiceBusClient"/>, receiver and sender mocked
/// (no Service Bus runs here), messages made by <see cref="ServiceBusModelFactory"/> as the namespace would hand them out.
/// </summary>
public sealed class ServiceBusDeadLettersTests
{
    private const string Queue = "survey-responses";

    private readonly Mock<ServiceBusClient> client = new(MockBehavior.Strict);
    private readonly Mock<ServiceBusReceiver> receiver = new();
    private readonly Mock<ServiceBusSender> sender = new();

    public ServiceBusDeadLettersTests()
    {
        client.Setup(c => c.CreateReceiver(Queue, It.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter && o.ReceiveMode == ServiceBusReceiveMode.PeekLock)))
            .Returns(receiver.Object);
        client.Setup(c => c.CreateSender(Queue)).Returns(sender.Object);
    }

    private static long sequence;

    private static ServiceBusReceivedMessage DeadLetter(string id, int deliveries = 10, string body = "{\"sealedAnswers\":\"secret\"}") =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body), messageId: id, contentType: "application/json", correlationId: "c-1", subject: "answer",
            properties: new Dictionary<string, object>
            {
                ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
                ["DeadLetterErrorDescription"] = "Message could not be consumed after 10 delivery attempts.",
                ["origin"] = "survey-page",
            },
            deliveryCount: deliveries, enqueuedTime: new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.Zero),
            sequenceNumber: Interlocked.Increment(ref sequence));

    [Fact]
    public async Task The_listing_peeks_the_dead_letter_sub_queue_and_describes_each_message_without_its_body()
    {
        receiver.Setup(r => r.PeekMessagesAsync(DeadLetterRules.Shown + 1, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync([DeadLetter("m-1", deliveries: 10)]);

        var list = await new ServiceBusDeadLetters(client.Object).ListAsync(Queue, CancellationToken.None);

        var letter = Assert.Single(list.Letters);
        Assert.Equal(new DeadLetter("m-1", "MaxDeliveryCountExceeded", "Message could not be consumed after 10 delivery attempts.", 10,
            new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.Zero)), letter);
        Assert.False(list.More);
        receiver.Verify(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task More_than_a_page_of_dead_letters_lists_the_page_and_says_there_are_more()
    {
        receiver.Setup(r => r.PeekMessagesAsync(DeadLetterRules.Shown + 1, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Enumerable.Range(0, DeadLetterRules.Shown + 1).Select(i => DeadLetter($"m-{i}")).ToList());

        var list = await new ServiceBusDeadLetters(client.Object).ListAsync(Queue, CancellationToken.None);

        Assert.Equal(DeadLetterRules.Shown, list.Letters.Count);
        Assert.True(list.More);
    }

    [Fact]
    public async Task A_replay_sends_a_copy_with_the_same_id_and_body_then_completes_the_dead_letter_and_abandons_those_before_it()
    {
        var other = DeadLetter("m-other");
        var target = DeadLetter("m-target");
        var order = new List<string>();
        receiver.Setup(r => r.ReceiveMessagesAsync(DeadLetterRules.Shown, It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([other, target]);
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => { sent = m; order.Add("send"); }).Returns(Task.CompletedTask);
        receiver.Setup(r => r.CompleteMessageAsync(target, It.IsAny<CancellationToken>())).Callback(() => order.Add("complete")).Returns(Task.CompletedTask);
        receiver.Setup(r => r.AbandonMessageAsync(other, null, It.IsAny<CancellationToken>())).Callback(() => order.Add("abandon other")).Returns(Task.CompletedTask);

        var outcome = await new ServiceBusDeadLetters(client.Object).ReplayAsync(Queue, "m-target", CancellationToken.None);

        Assert.Equal(ReplayOutcome.Replayed, outcome);
        Assert.Equal(["send", "complete", "abandon other"], order);
        Assert.NotNull(sent);
        Assert.Equal(("m-target", "{\"sealedAnswers\":\"secret\"}", "application/json", "c-1", "answer"),
            (sent.MessageId, sent.Body.ToString(), sent.ContentType, sent.CorrelationId, sent.Subject));
        Assert.Equal(["origin"], sent.ApplicationProperties.Keys);
        receiver.Verify(r => r.CompleteMessageAsync(other, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_replay_of_an_id_no_longer_dead_lettered_sends_nothing_and_releases_what_it_looked_at()
    {
        var other = DeadLetter("m-other");
        receiver.SetupSequence(r => r.ReceiveMessagesAsync(DeadLetterRules.Shown, It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([other])
            .ReturnsAsync([]);

        var outcome = await new ServiceBusDeadLetters(client.Object).ReplayAsync(Queue, "m-replayed-before", CancellationToken.None);

        Assert.Equal(ReplayOutcome.NotFound, outcome);
        sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.AbandonMessageAsync(other, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_replay_releases_the_dead_letters_received_after_the_one_it_replays()
    {
        var (target, after) = (DeadLetter("m-target"), DeadLetter("m-after"));
        receiver.Setup(r => r.ReceiveMessagesAsync(DeadLetterRules.Shown, It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([target, after]);

        var outcome = await new ServiceBusDeadLetters(client.Object).ReplayAsync(Queue, "m-target", CancellationToken.None);

        Assert.Equal(ReplayOutcome.Replayed, outcome);
        receiver.Verify(r => r.AbandonMessageAsync(after, null, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.AbandonMessageAsync(target, null, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_search_that_comes_round_to_a_dead_letter_it_saw_stops_as_not_found()
    {
        var other = DeadLetter("m-other");
        receiver.Setup(r => r.ReceiveMessagesAsync(DeadLetterRules.Shown, It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([other]);   // its lock lapsed: received again and again

        var outcome = await new ServiceBusDeadLetters(client.Object).ReplayAsync(Queue, "m-missing", CancellationToken.None);

        Assert.Equal(ReplayOutcome.NotFound, outcome);
        receiver.Verify(r => r.ReceiveMessagesAsync(DeadLetterRules.Shown, It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
