using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// POST /api/procedures/{id}/responses, called wrapped as the host calls it. The clock says 2026-03-01 10:00 in Amsterdam;
/// a procedure on 2026-01-20 has its 1w survey missed at registration and its 1m survey open from 2026-02-20 to 2026-03-19.
/// </summary>
public sealed class ClinicResponseTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private const string Answers = """{"timePoint": "1m", "answeredOn": "2026-02-25", "pain": 3, "medications": ["weak_opioid"], "opioid": {"name": "tramadol", "dailyDose": 100}, "newFracture": "no"}""";

    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> RegisteredAsync()
    {
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clinic = await app.CreateClinicAsync();
        var patient = Guid.NewGuid().ToString("N")[..8];   // its own contact too: an opt-out is remembered for the contact
        return (clinic, await app.RegisterAsync(clinic, Pipeline.Registration("2026-01-20", "NSC-" + patient, email: $"patient.{patient}@example.org")));
    }

    /// <summary>Enters answers through the wrapped route; returns the HTTP output and the queued message text, if any.</summary>
    private async Task<(JsonObject Http, string? Message)> EnterAsync(string procedureId, string? key, string? body)
    {
        var payload = Invocations.Http("POST", $"http://localhost:7071/api/procedures/{procedureId}/responses", new JsonObject { ["procedureId"] = procedureId }, body);
        if (key is not null)
            payload["Data"]!["req"]!["Headers"]!["Authorization"] = new JsonArray($"Bearer {key}");
        var response = await app.Client.PostAsync("/EnterClinicResponse", payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.ReadObjectAsync())["Outputs"]!.AsObject();
        return (outputs["res"]!.AsObject(), outputs.TryGetPropertyValue("response", out var m) ? m!.GetValue<string>() : null);
    }

    [Fact]
    public async Task Answers_taken_by_phone_are_queued_sealed_and_once_delivered_the_follow_up_is_answered_by_the_clinic()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, Answers);

        Assert.Equal(202, http.Status());
        Assert.Equal("queued", http.Body()!["status"]!.GetValue<string>());
        Assert.NotNull(message);
        Assert.DoesNotContain("tramadol", message);
        var queued = JsonSerializer.Deserialize<SurveyResponseMessage>(message)!;
        Assert.Equal((($"{procedureId}_1m"), new DateOnly(2026, 2, 25), ActorKind.ClinicKey, clinic.KeyId),
            (queued.FollowUpId, queued.AnsweredOn, queued.Source.Kind, queued.Source.Id));
        Assert.Equal(queued.ResponseId.ToString(), http.Body()!["responseId"]!.GetValue<string>());

        (await app.DeliverResponseAsync(message)).EnsureSuccessStatusCode();

        var view = await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}", clinic.ApiKey)).ReadObjectAsync();
        var oneMonth = view["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1m")!;
        Assert.Equal(("answered", "2026-02-25"), (oneMonth["status"]!.GetValue<string>(), oneMonth["answeredOn"]!.GetValue<string>()));
        Assert.Equal((3, "clinic", queued.ResponseId.ToString()), (oneMonth["answer"]!["pain"]!.GetValue<int>(),
            oneMonth["answer"]!["source"]!.GetValue<string>(), oneMonth["answer"]!["responseId"]!.GetValue<string>()));
        var stored = (await app.Service<IProcedureStore>().FindAsync(procedureId, CancellationToken.None))!.Answers!["1m"];
        Assert.Equal((3, 100m, queued.ResponseId), (stored.Answers.Pain.Value, stored.Answers.Opioid!.DailyDose, stored.ResponseId));
        Assert.Equal(AuditActor.ClinicKey(clinic.KeyId), stored.Source);
        var audit = await app.Service<IAuditTrail>().ReadAsync(AuditSubjects.Procedure(procedureId), CancellationToken.None);
        var answered = Assert.Single(audit, e => e.Action == "follow-up-answered");
        Assert.Equal((AuditActor.ClinicKey(clinic.KeyId), "1m"), (answered.Actor, answered.Changes["timePoint"]));
    }

    [Theory]
    [InlineData("1m", "2026-02-19")]   // the day before the 1m window opens
    [InlineData("1m", "2026-03-02")]   // the clinic's tomorrow, inside the window
    [InlineData("3m", "2026-03-01")]   // today, but the 3m window opens 2026-04-20
    public async Task A_day_outside_the_window_or_in_the_future_is_a_400_naming_answeredOn_and_queues_nothing(string timePoint, string answeredOn)
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, $$"""{"timePoint": "{{timePoint}}", "answeredOn": "{{answeredOn}}", "pain": 3}""");

        Assert.Equal(400, http.Status());
        Assert.StartsWith("application/problem+json", http["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("answeredOn", http.Body()!["field"]!.GetValue<string>());
        Assert.Null(message);
    }

    [Theory]
    [InlineData("""{"timePoint": "2w", "answeredOn": "2026-02-25", "pain": 3}""", "timePoint", "invalid-field")]
    [InlineData("""{"answeredOn": "2026-02-25", "pain": 3}""", "timePoint", "missing-field")]
    [InlineData("""{"timePoint": "1m", "pain": 3}""", "answeredOn", "missing-field")]
    [InlineData("""{"timePoint": "1m", "answeredOn": "25.02.2026", "pain": 3}""", "answeredOn", "invalid-field")]
    [InlineData("""{"timePoint": "1m", "answeredOn": "2026-02-25", "pain": 11}""", "pain", "invalid-field")]
    [InlineData("""{"timePoint": "1m", "answeredOn": "2026-02-25"}""", "pain", "missing-field")]
    [InlineData("""{"timePoint": "1m", "answeredOn": "2026-02-25", "pain": 3, "medications": ["aspirin"]}""", "medications[0]", "invalid-field")]
    [InlineData("""{"timePoint": "9m", "pain": -1}""", "timePoint", "invalid-fields")]
    [InlineData("""{"timePoint": "9m", "answeredOn": "yesterday", "pain": -1}""", "answeredOn", "invalid-field")]   // a wrong type is refused first
    [InlineData("""{"timePoint": "1m", """, null, "malformed-json")]
    [InlineData("""[3]""", null, "malformed-json")]
    [InlineData("", null, "missing-body")]
    public async Task A_wrong_field_or_body_is_a_400_naming_it_and_queues_nothing(string body, string? field, string code)
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, body);

        Assert.Equal(400, http.Status());
        var problem = http.Body()!;
        Assert.Equal((field, code), (problem["field"]?.GetValue<string>(), problem["code"]!.GetValue<string>()));
        Assert.Null(message);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, $$"""{"timePoint": "1m", "answeredOn": "2026-02-25", "pain": 3, "note": "{{new string('x', 70_000)}}"}""");

        Assert.Equal(413, http.Status());
        Assert.Null(message);
    }

    [Fact]
    public async Task An_answered_or_cancelled_follow_up_is_a_409_and_queues_nothing()
    {
        var (clinic, procedureId) = await RegisteredAsync();
        var (_, first) = await EnterAsync(procedureId, clinic.ApiKey, Answers);
        (await app.DeliverResponseAsync(first!)).EnsureSuccessStatusCode();

        var answered = await EnterAsync(procedureId, clinic.ApiKey, Answers);
        (await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, new { type = "opt_out", date = "2026-03-01" })).EnsureSuccessStatusCode();
        app.Clock.Now = new DateTimeOffset(2026, 4, 25, 9, 0, 0, TimeSpan.Zero);
        var cancelled = await EnterAsync(procedureId, clinic.ApiKey, """{"timePoint": "3m", "answeredOn": "2026-04-21", "pain": 3}""");

        foreach (var ((http, message), code) in new[] { (answered, "already-answered"), (cancelled, "follow-up-cancelled") })
        {
            Assert.Equal((409, code), (http.Status(), http.Body()!["code"]!.GetValue<string>()));
            Assert.Null(message);
        }
    }

    [Fact]
    public async Task A_paper_answer_given_inside_the_window_is_taken_after_the_follow_up_was_marked_missed()
    {
        var (clinic, procedureId) = await RegisteredAsync();   // its 1w survey was missed at registration

        var (http, message) = await EnterAsync(procedureId, clinic.ApiKey, """{"timePoint": "1w", "answeredOn": "2026-01-28", "pain": 3}""");
        (await app.DeliverResponseAsync(message!)).EnsureSuccessStatusCode();

        Assert.Equal(202, http.Status());
        var followUp = (await app.FollowUpAsync(procedureId, TimePoint.OneWeek))!.Record;
        Assert.Equal(FollowUpStatus.Answered, followUp.FollowUp.Status);
        Assert.Equal(new DateOnly(2026, 1, 28), followUp.AnsweredOn);
    }

    [Fact]
    public async Task Two_entries_queued_for_one_follow_up_are_recorded_once_the_first_delivered_wins()
    {
        var (clinic, procedureId) = await RegisteredAsync();
        var (_, first) = await EnterAsync(procedureId, clinic.ApiKey, Answers);
        var (_, second) = await EnterAsync(procedureId, clinic.ApiKey, Answers.Replace("\"pain\": 3", "\"pain\": 7"));

        (await app.DeliverResponseAsync(second!)).EnsureSuccessStatusCode();
        (await app.DeliverResponseAsync(first!)).EnsureSuccessStatusCode();

        var stored = (await app.Service<IProcedureStore>().FindAsync(procedureId, CancellationToken.None))!.Answers!;
        Assert.Equal(7, Assert.Single(stored).Value.Answers.Pain.Value);
    }

    [Fact]
    public async Task Another_clinics_procedure_is_a_404_like_an_unknown_one()
    {
        var (_, procedureId) = await RegisteredAsync();
        var other = await app.CreateClinicAsync("Other", "Europe/Amsterdam");

        var (theirs, message) = await EnterAsync(procedureId, other.ApiKey, Answers);
        var (unknown, _) = await EnterAsync(Guid.NewGuid().ToString("N"), other.ApiKey, Answers);

        Assert.Equal((404, 404), (theirs.Status(), unknown.Status()));
        Assert.Equal(theirs.Body()!["title"]!.GetValue<string>(), unknown.Body()!["title"]!.GetValue<string>());
        Assert.Null(message);
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(procedureId, TimePoint.OneMonth))!.Record.FollowUp.Status);
    }

    [Theory]
    [InlineData(null, 401, "Bearer realm=\"outcomes\"")]
    [InlineData("oc_not-a-key", 401, "Bearer realm=\"outcomes\", error=\"invalid_token\"")]
    [InlineData(OutcomesApp.AdminKey, 403, null)]
    public async Task No_key_or_a_bad_one_is_a_401_and_a_key_of_another_kind_a_403(string? key, int status, string? challenge)
    {
        var (_, procedureId) = await RegisteredAsync();

        var (http, message) = await EnterAsync(procedureId, key, Answers);

        Assert.Equal(status, http.Status());
        Assert.StartsWith("application/problem+json", http["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal(status == 401 ? "unauthenticated" : "forbidden", http.Body()!["code"]!.GetValue<string>());
        Assert.Equal(challenge, http["headers"]!["WWW-Authenticate"]?.GetValue<string>());
        Assert.Null(message);
    }

    [Fact]
    public async Task An_analyst_key_is_a_403()
    {
        var (_, procedureId) = await RegisteredAsync();
        var issued = await (await app.SendAsync(HttpMethod.Post, "/api/analyst-keys", OutcomesApp.AdminKey)).ReadObjectAsync();

        var (http, _) = await EnterAsync(procedureId, issued["apiKey"]!.GetValue<string>(), Answers);

        Assert.Equal(403, http.Status());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_public_route_not_the_hosts_invocation()
    {
        var document = await (await app.Client.GetAsync("/api/openapi.json")).ReadObjectAsync();

        var post = document["paths"]!["/api/procedures/{procedureId}/responses"]!["post"]!;
        Assert.NotNull(post["requestBody"]!["content"]!["application/json"]);
        Assert.Equal(new[] { "202", "400", "401", "403", "404", "409", "413" }, post["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.Null(document["paths"]!["/EnterClinicResponse"]);
    }
}
