using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

/// <summary>More dead letters than one look shows: the listing says so, and a replay finds a letter behind them.</summary>
public sealed class DeadLetterSearchTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Fact]
    public async Task A_letter_behind_more_than_a_page_is_found_and_replayed_and_the_others_stay_visible()
    {
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
            ids.Add(await app.DeadLetterAsync("survey-responses", "{}"));

        var listing = await (await app.SendAsync(HttpMethod.Get, "/api/dead-letters", OutcomesApp.AdminKey)).ReadObjectAsync();
        var replay = await app.SendAsync(HttpMethod.Post, $"/api/dead-letters/survey-responses/{ids[^1]}/replay", OutcomesApp.AdminKey);

        var responses = listing["queues"]!.AsArray().Single(q => q!["queue"]!.GetValue<string>() == "survey-responses")!;
        Assert.Equal(32, responses["messages"]!.AsArray().Count);
        Assert.True(responses["more"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var left = new Azure.Storage.Queues.QueueClient(app.StorageConnection, "survey-responses-deadletter");
        Assert.Equal(39, (await left.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var visible = (await left.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.MessageText)!["MessageId"]!.GetValue<string>()).ToList();
        Assert.Equal(32, visible.Count);   // the letters looked through on the way are released at once, not after their lock
        Assert.Subset(ids.SkipLast(1).ToHashSet(), visible.ToHashSet());
    }
}
