using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests;

/// <summary>Local host, Azurite and handler as processes: what a developer gets from the run command.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class SurveyResponseFlowTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private static string LinkReference(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string ResponseMessage(string surveyLink, int pain) => new JsonObject
    {
        ["responseId"] = Guid.NewGuid().ToString(), ["surveyLink"] = surveyLink, ["answers"] = new JsonObject { ["pain"] = pain },
        ["submittedAt"] = DateTimeOffset.UtcNow.ToString("O"),
    }.ToJsonString();

    [Fact]
    public async Task Health_is_served_through_the_local_host_with_table_storage_reachable()
    {
        var response = await host.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reachable", (await response.Content.ReadFromJsonAsync<JsonObject>())!["tableStorage"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_submitted_response_travels_through_the_queue_into_table_storage_once()
    {
        var token = "e2e-" + Guid.NewGuid().ToString("N");

        var response = await host.Client.PostAsJsonAsync($"/api/surveys/{token}", new { pain = 3 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rows = await Storage.EventuallyAsync(() => host.ResponseRowsAsync(LinkReference(token)), r => r.Count > 0, Patience, "the response row");
        Assert.Equal(3, Assert.Single(rows).GetInt32("Pain"));
        await Task.Delay(1000);
        Assert.Single(await host.ResponseRowsAsync(LinkReference(token)));
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_a_problem_and_nothing_is_queued_or_stored()
    {
        var token = "e2e-bad-" + Guid.NewGuid().ToString("N");

        var response = await host.Client.PostAsJsonAsync($"/api/surveys/{token}", new { pain = 12 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pain", (await response.Content.ReadFromJsonAsync<JsonObject>())!["field"]!.GetValue<string>());
        await Task.Delay(1500);
        Assert.Empty(await host.ResponseRowsAsync(LinkReference(token)));
    }

    [Fact]
    public async Task The_timer_run_through_the_admin_route_puts_an_invitation_on_the_service_bus_queue()
    {
        var before = (await host.PeekEnvelopesAsync("survey-invitations")).Count;

        var response = await host.Client.PostAsJsonAsync("/admin/functions/SendFollowUpSurveys", new { input = "" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var envelopes = await Storage.EventuallyAsync(() => host.PeekEnvelopesAsync("survey-invitations"), e => e.Count > before, Patience, "an invitation");
        var body = JsonNode.Parse(envelopes.Last()["Body"]!.GetValue<string>())!;
        Assert.Equal("test-invitation", body["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(envelopes.Last()["MessageId"]?.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_stored_once()
    {
        var link = "dup-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid().ToString("N");
        var text = ResponseMessage(link, pain: 5);

        await host.SendServiceBusMessageAsync("survey-responses", messageId, text);
        await host.SendServiceBusMessageAsync("survey-responses", messageId, text);

        await Storage.EventuallyAsync(() => host.ResponseRowsAsync(link), r => r.Count > 0, Patience, "the response row");
        await host.WaitForLineAsync(l => l.Contains("was already stored") && l.Contains(messageId), Patience);
        Assert.Single(await host.ResponseRowsAsync(link));
    }

    [Fact]
    public async Task A_message_in_flight_when_the_handler_is_killed_is_stored_exactly_once_after_the_restart()
    {
        var link = "crash-" + Guid.NewGuid().ToString("N");
        var messageId = Guid.NewGuid().ToString("N");
        var victim = host.HandlerPid;
        var seen = host.Lines.Count;
        Signal("STOP", victim);   // frozen: the local host's call reaches it and gets no answer

        await host.SendServiceBusMessageAsync("survey-responses", messageId, ResponseMessage(link, pain: 8));
        await Storage.EventuallyAsync(() => host.PeekEnvelopesAsync("survey-responses"),
            visible => visible.All(e => e["MessageId"]?.GetValue<string>() != messageId), Patience, "the local host taking the message");
        await host.WaitForLineAsync(l => l.Contains("Executing 'Functions.RecordSurveyResponse'"), Patience, skip: seen);
        Signal("KILL", victim);

        await host.WaitForLineAsync(l => l.Contains("is listening on port") && !l.Contains($" {victim} "), Patience, skip: seen);
        var rows = await Storage.EventuallyAsync(() => host.ResponseRowsAsync(link), r => r.Count > 0, Patience, "the response row after the restart");
        Assert.Equal(8, Assert.Single(rows).GetInt32("Pain"));
        Assert.NotEqual(victim, host.HandlerPid);
    }

    [Fact]
    public async Task A_message_that_can_never_be_stored_ends_in_the_dead_letter_queue_with_the_reason()
    {
        var messageId = Guid.NewGuid().ToString("N");

        await host.SendServiceBusMessageAsync("survey-responses", messageId, "{\"this\":\"is not a survey response\"}");

        var dead = await Storage.EventuallyAsync(() => host.PeekEnvelopesAsync("survey-responses-deadletter"),
            d => d.Any(e => e["MessageId"]?.GetValue<string>() == messageId), TimeSpan.FromSeconds(90), "the dead-lettered message");
        var letter = dead.Single(e => e["MessageId"]?.GetValue<string>() == messageId);
        Assert.Equal("MaxDeliveryCountExceeded", letter["DeadLetterReason"]!.GetValue<string>());
        Assert.Contains("400", letter["DeadLetterErrorDescription"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_path_no_function_serves_is_a_404()
    {
        var response = await host.Client.GetAsync("/api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
