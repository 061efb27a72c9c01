using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Functions;
using Outcomes.Storage;
using Outcomes.Storage.Tables;

namespace Outcomes.EndToEnd.Tests;

/// <summary>An operator's way through a poisoned message: dead-lettered by the local host, listed, the cause fixed, replayed once.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class DeadLetterAdminTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostProcess.AdminKey);
        return await host.Client.SendAsync(request);
    }

    private async Task<string> ListingAsync()
    {
        var response = await AdminAsync(HttpMethod.Get, "/api/dead-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static JsonNode? Letter(string listing, string messageId) =>
        JsonNode.Parse(listing)!["queues"]!.AsArray().Single(q => q!["queue"]!.GetValue<string>() == "survey-responses")!["messages"]!
            .AsArray().SingleOrDefault(m => m!["messageId"]!.GetValue<string>() == messageId);

    [Fact]
    public async Task A_poisoned_answer_is_listed_without_its_body_replayed_once_after_the_cause_is_fixed_and_stored_once()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Dead Letters");
        var procedureId = await clinic.RegisterAsync(host, "E2E-" + Guid.NewGuid().ToString("N")[..8], clinic.Today.AddDays(-7), "dead-letters@example.org");
        var procedures = new TableClient(host.StorageConnectionString, "Procedures");
        var rowKey = ProcedureRows.FollowUp(procedureId, TimePoint.OneWeek);
        var followUp = (await procedures.GetEntityAsync<TableEntity>(procedureId, rowKey)).Value;
        await procedures.DeleteEntityAsync(procedureId, rowKey);   // the fault: the follow-up the answer names cannot be read
        var body = SurveyResponseMessage.Create(new FollowUpId(procedureId, TimePoint.OneWeek), clinic.Today, new SurveyAnswers(PainScore.From(6)),
            AuditActor.PatientLink("e2e"), DateTimeOffset.UtcNow, new ContactCipher(host.ContactKeys)).ToQueueText();
        var messageId = Guid.NewGuid().ToString("N");

        await host.SendServiceBusMessageAsync("survey-responses", messageId, body);
        var listing = await Storage.EventuallyAsync(ListingAsync, l => Letter(l, messageId) is not null, Patience, "the poisoned message listed");

        var letter = Letter(listing, messageId)!;
        Assert.Equal("MaxDeliveryCountExceeded", letter["reason"]!.GetValue<string>());
        Assert.Contains("400", letter["description"]!.GetValue<string>());
        Assert.Equal(LocalHostProcess.MaxDeliveryCount, letter["deliveryCount"]!.GetValue<int>());
        var sent = JsonNode.Parse(body)!;
        Assert.DoesNotContain(sent["sealedAnswers"]!.GetValue<string>(), listing);
        Assert.DoesNotContain(sent["responseId"]!.ToString(), listing);
        Assert.Empty(await host.AnswerRowsAsync(procedureId));

        await procedures.AddEntityAsync(followUp);   // the operator fixes the cause
        var replay = await AdminAsync(HttpMethod.Post, $"/api/dead-letters/survey-responses/{messageId}/replay");
        var again = await AdminAsync(HttpMethod.Post, $"/api/dead-letters/survey-responses/{messageId}/replay");

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var rows = await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count > 0, Patience, "the replayed answer stored");
        Assert.Contains("\"pain\":6", Assert.Single(rows).GetString("Answers"));
        await Storage.EventuallyAsync(async () => (Queued: (await host.PeekEnvelopesAsync("survey-responses")).Count, Quiet: Storage.Quiet(host, "RecordSurveyResponse")),
            s => s is { Queued: 0, Quiet: true }, Patience, "the replay delivered");
        Assert.Equal(2, host.Lines.Count(l => l.Contains($"MessageId={messageId}, DeliveryCount=1)", StringComparison.Ordinal)));   // sent, then replayed once
        Assert.Null(Letter(await ListingAsync(), messageId));
    }
}
