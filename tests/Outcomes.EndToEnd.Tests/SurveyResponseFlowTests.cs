using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Functions;
using Outcomes.Storage;

namespace Outcomes.EndToEnd.Tests;

/// <summary>Local host, Azurite and handler as processes: what a developer gets from the run command.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class SurveyResponseFlowTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>A procedure whose one-week survey is open today, and a response message for it as the submit route would queue it.</summary>
    private async Task<(string ProcedureId, Func<int, string> Message)> OpenSurveyAsync(string name)
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, name);
        var procedureId = await clinic.RegisterAsync(host, "E2E-" + Guid.NewGuid().ToString("N")[..8], clinic.Today.AddDays(-7), "flow@example.org");
        var cipher = new ContactCipher(host.ContactKeys);
        return (procedureId, pain => SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), clinic.Today,
            new SurveyAnswers(PainScore.From(pain)), AuditActor.PatientLink("e2e"), DateTimeOffset.UtcNow, cipher).ToQueueText());
    }

    [Fact]
    public async Task Health_is_served_through_the_local_host_with_table_storage_reachable()
    {
        var response = await host.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reachable", (await response.Content.ReadFromJsonAsync<JsonObject>())!["tableStorage"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_stored_once()
    {
        var (procedureId, message) = await OpenSurveyAsync("Spine Centre Duplicates");
        var messageId = Guid.NewGuid().ToString("N");
        var text = message(5);

        await host.SendServiceBusMessageAsync("survey-responses", messageId, text);
        await host.SendServiceBusMessageAsync("survey-responses", messageId, text);

        await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count > 0, Patience, "the answer row");
        await host.WaitForLineAsync(l => l.Contains("AlreadyAnswered") && l.Contains(messageId), Patience);
        Assert.Contains("\"pain\":5", Assert.Single(await host.AnswerRowsAsync(procedureId)).GetString("Answers"));
    }

    [Fact]
    public async Task A_message_in_flight_when_the_handler_is_killed_is_stored_exactly_once_after_the_restart()
    {
        var (procedureId, message) = await OpenSurveyAsync("Spine Centre Crash");
        var messageId = Guid.NewGuid().ToString("N");
        var victim = host.HandlerPid;
        var seen = host.Lines.Count;
        ProcessSignals.Send("STOP", victim);   // frozen: the local host's call reaches it and gets no answer

        await host.SendServiceBusMessageAsync("survey-responses", messageId, message(8));
        await Storage.EventuallyAsync(() => host.PeekEnvelopesAsync("survey-responses"),
            visible => visible.All(e => e["MessageId"]?.GetValue<string>() != messageId), Patience, "the local host taking the message");
        await host.WaitForLineAsync(l => l.Contains("Executing 'Functions.RecordSurveyResponse'"), Patience, skip: seen);
        ProcessSignals.Send("KILL", victim);

        await host.WaitForLineAsync(l => l.Contains("is listening on port") && !l.Contains($" {victim} "), Patience, skip: seen);
        var rows = await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count > 0, Patience, "the answer row after the restart");
        Assert.Contains("\"pain\":8", Assert.Single(rows).GetString("Answers"));
        Assert.NotEqual(victim, host.HandlerPid);
    }

    [Fact]
    public async Task A_message_that_can_never_be_stored_ends_in_the_dead_letter_queue_with_the_reason()
    {
        var messageId = Guid.NewGuid().ToString("N");

        await host.SendServiceBusMessageAsync("survey-responses", messageId, "{\"this\":\"is not a survey response\"}");
        var (procedureId, message) = await OpenSurveyAsync("Spine Centre Behind The Poison");
        await host.SendServiceBusMessageAsync("survey-responses", Guid.NewGuid().ToString("N"), message(4));

        await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count == 1, Patience, "the answer queued behind the poison stored");
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


    [Fact]
    public async Task The_same_answer_sent_five_times_at_once_through_the_link_is_stored_and_counted_once()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Five Clicks");
        var email = $"five-{Guid.NewGuid():N}@example.org";
        var procedureId = await clinic.RegisterAsync(host, "E2E-" + Guid.NewGuid().ToString("N")[..8], clinic.Today.AddDays(-7), email);
        await host.RunTimerAsync();
        var link = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count == 1, Patience, "the invitation"))[0].SurveyLink;

        var posts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = 3, newFracture = "no" })));

        Assert.Contains(posts, p => p.StatusCode == HttpStatusCode.Accepted);
        Assert.All(posts, p => Assert.Contains(p.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var accepted = posts.Count(p => p.StatusCode == HttpStatusCode.Accepted);
        await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count > 0, Patience, "the answer stored");
        await Storage.EventuallyAsync(async () => (Queued: (await host.PeekEnvelopesAsync("survey-responses")).Count, Quiet: Storage.Quiet(host, "RecordSurveyResponse")),
            s => s is { Queued: 0, Quiet: true }, Patience, "every copy of the answer delivered");
        Assert.Single(await host.AnswerRowsAsync(procedureId));
        using var auditRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/procedures/{procedureId}/audit");
        auditRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", clinic.ApiKey);
        var audit = (await (await host.Client.SendAsync(auditRequest)).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Single(audit, e => e!["action"]!.GetValue<string>() == "follow-up-answered");
        var report = await host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey, null, HttpStatusCode.OK);
        var week = report["timePoints"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == "1w")!;
        Assert.Equal((1, 1), (week["due"]!.GetValue<int>(), week["answered"]!.GetValue<int>()));
        Assert.InRange(accepted, 1, 5);
    }
}
