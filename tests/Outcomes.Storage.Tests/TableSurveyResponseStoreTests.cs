using Azure.Data.Tables;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage.Tables;
using Outcomes.Testing;

namespace Outcomes.Storage.Tests;

public sealed class TableSurveyResponseStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly OutcomesTables tables = new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));

    private static ReceivedSurveyResponse Response(string messageId, int pain = 4, string link = "link") =>
        new(messageId, link, Guid.NewGuid(), new SurveyAnswers(PainScore.From(pain)), new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_response_is_stored_and_read_back_as_it_was()
    {
        var store = new TableSurveyResponseStore(tables);
        var response = Response("m-1", pain: 6);

        var outcome = await store.AddAsync(response, CancellationToken.None);

        Assert.Equal(StoreOutcome.Stored, outcome);
        Assert.Equal(response, await store.FindAsync("link", "m-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_message_stored_again_keeps_the_first_copy()
    {
        var store = new TableSurveyResponseStore(tables);
        await store.AddAsync(Response("m-2", pain: 2), CancellationToken.None);

        var again = await store.AddAsync(Response("m-2", pain: 9), CancellationToken.None);

        Assert.Equal(StoreOutcome.AlreadyStored, again);
        Assert.Equal(2, (await store.FindAsync("link", "m-2", CancellationToken.None))!.Answers.Pain.Value);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_message_store_exactly_one_row()
    {
        var store = new TableSurveyResponseStore(tables);
        var response = Response("m-3", link: "link-concurrent");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.AddAsync(response, CancellationToken.None)));

        Assert.Single(outcomes, o => o == StoreOutcome.Stored);
        var table = await tables.SurveyResponsesAsync(CancellationToken.None);
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == "link-concurrent").ToListAsync();
        Assert.Single(rows);
    }

    [Fact]
    public async Task The_probe_reports_reachable_storage_as_reachable_and_a_dead_endpoint_with_a_reason()
    {
        var dead = new OutcomesTables(new TableServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            new TableClientOptions { Retry = { MaxRetries = 0 } }), "");

        Assert.Null(await new TableStorageProbe(tables).WhyUnreachableAsync(CancellationToken.None));
        Assert.NotNull(await new TableStorageProbe(dead).WhyUnreachableAsync(CancellationToken.None));
    }
}
