using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.Functions.Tests;

/// <summary>The operators' dead-letter routes over the local host's dead-letter storage queues, on a real Azurite.</summary>
public sealed class DeadLetterRoutesTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Secret = "sealed-answers-3f9c1b7e";

    private async Task<JsonArray> MessagesOfAsync(string queue)
    {
        var response = await app.SendAsync(HttpMethod.Get, "/api/dead-letters", OutcomesApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listing = await response.ReadObjectAsync();
        return listing["queues"]!.AsArray().Single(q => q!["queue"]!.GetValue<string>() == queue)!["messages"]!.AsArray();
    }

    [Fact]
    public async Task The_listing_names_each_queue_with_its_function_and_each_letter_without_its_body()
    {
        var id = await app.DeadLetterAsync("survey-responses", $"{{\"sealedAnswers\":\"{Secret}\"}}", deliveries: 10);

        var response = await app.SendAsync(HttpMethod.Get, "/api/dead-letters", OutcomesApp.AdminKey);

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, text);
        var queues = JsonNode.Parse(text)!["queues"]!.AsArray();
        Assert.Equal([("survey-invitations", "DeliverSurveyInvitation"), ("survey-responses", "RecordSurveyResponse")],
            queues.Select(q => (q!["queue"]!.GetValue<string>(), q["function"]!.GetValue<string>())));
        var letter = (await MessagesOfAsync("survey-responses")).Single(m => m!["messageId"]!.GetValue<string>() == id)!;
        Assert.Equal("MaxDeliveryCountExceeded", letter["reason"]!.GetValue<string>());
        Assert.Equal("Handler answered 400: the queue message cannot be processed.", letter["description"]!.GetValue<string>());
        Assert.Equal(10, letter["deliveryCount"]!.GetValue<int>());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 15, 0, TimeSpan.Zero), letter["enqueuedTime"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["deliveryCount", "description", "enqueuedTime", "messageId", "reason"], letter.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task A_replay_puts_the_message_back_on_its_queue_once_and_a_second_replay_is_a_404_problem()
    {
        var body = $"{{\"sealedAnswers\":\"{Secret}\"}}";
        var id = await app.DeadLetterAsync("survey-invitations", body);

        var first = await app.SendAsync(HttpMethod.Post, $"/api/dead-letters/survey-invitations/{id}/replay", OutcomesApp.AdminKey);
        var second = await app.SendAsync(HttpMethod.Post, $"/api/dead-letters/survey-invitations/{id}/replay", OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("DeliverSurveyInvitation", (await first.ReadObjectAsync())["function"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("urn:outcomes:problem:not-found", (await second.ReadProblemAsync())["type"]!.GetValue<string>());
        var queued = Assert.Single(await app.PeekAsync("survey-invitations"), m => m["MessageId"]!.GetValue<string>() == id);
        Assert.Equal(body, queued["Body"]!.GetValue<string>());
        Assert.Equal("application/json", queued["ContentType"]!.GetValue<string>());
        Assert.Null(queued["DeadLetterReason"]);
        Assert.Null(queued["DeadLetterErrorDescription"]);
        Assert.Null(queued["DeliveryCount"]);
        Assert.DoesNotContain(await MessagesOfAsync("survey-invitations"), m => m!["messageId"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Replaying_one_letter_leaves_the_others_listed()
    {
        var before = await app.DeadLetterAsync("survey-responses", "{}");
        var replayed = await app.DeadLetterAsync("survey-responses", "{}");
        var after = await app.DeadLetterAsync("survey-responses", "{}");

        var response = await app.SendAsync(HttpMethod.Post, $"/api/dead-letters/survey-responses/{replayed}/replay", OutcomesApp.AdminKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var listed = (await MessagesOfAsync("survey-responses")).Select(m => m!["messageId"]!.GetValue<string>()).ToList();
        Assert.Contains(before, listed);
        Assert.Contains(after, listed);
        Assert.DoesNotContain(replayed, listed);
    }

    [Theory]
    [InlineData("no-such-queue", "0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("survey-responses-deadletter", "0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("survey-responses", "not%20an%20id", HttpStatusCode.BadRequest)]
    [InlineData("survey-responses", "%3Cscript%3E", HttpStatusCode.BadRequest)]
    [InlineData("survey-responses", "0123456789abcdef", HttpStatusCode.NotFound)]
    public async Task A_queue_or_message_id_that_names_no_dead_letter_is_a_problem_and_sends_nothing(string queue, string id, HttpStatusCode expected)
    {
        var waiting = (await app.PeekAsync("survey-responses")).Count;

        var response = await app.SendAsync(HttpMethod.Post, $"/api/dead-letters/{queue}/{id}/replay", OutcomesApp.AdminKey);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("<script>", (await response.ReadProblemAsync()).ToJsonString());
        Assert.Equal(waiting, (await app.PeekAsync("survey-responses")).Count);
    }

    [Theory]
    [InlineData("GET", "/api/dead-letters")]
    [InlineData("POST", "/api/dead-letters/survey-responses/0123456789abcdef/replay")]
    public async Task Only_the_admin_key_opens_the_dead_letters(string method, string path)
    {
        var clinic = await app.CreateClinicAsync();

        var anonymous = await app.SendAsync(new HttpMethod(method), path, key: null);
        var clinicKey = await app.SendAsync(new HttpMethod(method), path, clinic.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinicKey.StatusCode);
    }
}
