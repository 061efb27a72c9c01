using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Outputs;
using Outcomes.LocalHost.ServiceBus;
using Outcomes.Testing;

namespace Outcomes.LocalHost.Tests;

public sealed class OutputBinderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string queueName = AzuriteFixture.UniqueName("survey-invitations-");
    private readonly string outboxFolder = Path.Combine(Path.GetTempPath(), "outcomes-outbox-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(outboxFolder)) Directory.Delete(outboxFolder, recursive: true);
    }

    private OutputBinder Binder() => new(
        new AzuriteQueueTransport(new QueueServiceClient(azurite.ConnectionString), new ServiceBusListenerOptions(10, 1, TimeSpan.Zero, TimeSpan.Zero), Functions.QuietConsole(), clock),
        new Outbox(outboxFolder, Functions.QuietConsole(), clock));

    private FunctionDefinition SendFollowUpSurveys() => Functions.Define("SendFollowUpSurveys", FunctionKind.Timer,
        Functions.Binding("timerTrigger", "in", "timer", ("schedule", "0 0 * * * *")),
        Functions.Binding("serviceBus", "out", "invitations", ("queueName", queueName)),
        Functions.Binding("sendGrid", "out", "mail"));

    private async Task<List<ServiceBusEnvelope>> QueuedAsync()
    {
        var queue = new QueueClient(azurite.ConnectionString, queueName);
        await queue.CreateIfNotExistsAsync();
        var peeked = await queue.PeekMessagesAsync(32);
        return peeked.Value.Select(m => JsonSerializer.Deserialize<ServiceBusEnvelope>(m.MessageText)!).ToList();
    }

    [Fact]
    public async Task An_array_output_sends_one_message_per_element()
    {
        var outputs = new JsonObject { ["invitations"] = new JsonArray("""{"followUp":"p1/1w"}""", new JsonObject { ["followUp"] = "p2/1m" }, "p3/3m") };

        await Binder().BindAsync(SendFollowUpSurveys(), outputs, CancellationToken.None);

        var sent = await QueuedAsync();
        Assert.Equal(["""{"followUp":"p1/1w"}""", """{"followUp":"p2/1m"}""", "p3/3m"], sent.Select(e => e.Body));
        Assert.Equal([null, "application/json", null], sent.Select(e => e.ContentType));
        Assert.Equal(3, sent.Select(e => e.MessageId).Distinct().Count());
        Assert.All(sent, e => Assert.Equal(clock.Now, e.EnqueuedTimeUtc));
    }

    [Fact]
    public async Task A_message_carries_the_sending_invocations_trace_context_as_its_diagnostic_id()
    {
        const string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        await Binder().BindAsync(SendFollowUpSurveys(), new JsonObject { ["invitations"] = new JsonArray("p1/1w", "p2/1m") }, CancellationToken.None, traceparent);

        Assert.All(await QueuedAsync(), e => Assert.Equal(traceparent, e.ApplicationProperties!["Diagnostic-Id"].GetString()));
    }

    [Fact]
    public async Task A_single_value_output_sends_one_message()
    {
        await Binder().BindAsync(SendFollowUpSurveys(), new JsonObject { ["invitations"] = new JsonObject { ["followUp"] = "p1/1w" } }, CancellationToken.None);

        Assert.Equal("""{"followUp":"p1/1w"}""", Assert.Single(await QueuedAsync()).Body);
    }

    [Fact]
    public async Task A_mail_output_is_written_to_the_outbox_one_file_per_message()
    {
        var outputs = new JsonObject
        {
            ["mail"] = new JsonArray(
                new JsonObject { ["subject"] = "Your 1-week survey" },
                """{"subject":"Your 1-month survey"}"""),
        };

        await Binder().BindAsync(SendFollowUpSurveys(), outputs, CancellationToken.None);

        var files = Directory.GetFiles(outboxFolder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["20260301T093015123-SendFollowUpSurveys-mail-1.json", "20260301T093015123-SendFollowUpSurveys-mail-2.json"], files);
        var second = JsonNode.Parse(File.ReadAllText(Path.Combine(outboxFolder, files[1]!)))!;
        Assert.Equal("Your 1-month survey", second["subject"]!.GetValue<string>());
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task Outputs_the_function_does_not_declare_are_ignored()
    {
        await Binder().BindAsync(SendFollowUpSurveys(), new JsonObject { ["elsewhere"] = "x", ["invitations"] = null }, CancellationToken.None);

        Assert.Empty(await QueuedAsync());
        Assert.False(Directory.Exists(outboxFolder));
    }
}
