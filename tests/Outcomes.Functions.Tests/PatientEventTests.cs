using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Responses;
using Outcomes.Domain.Scores;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>POST /api/procedures/{id}/events, proxied. The clock says 2026-03-01 09:00 UTC, 10:00 in Amsterdam.</summary>
public sealed class PatientEventTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private Task<HttpResponseMessage> PostEventAsync(string procedureId, string? key, object body) =>
        app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", key, body);

    private async Task<Dictionary<string, FollowUpStatus>> StatusesAsync(string procedureId)
    {
        var statuses = new Dictionary<string, FollowUpStatus>();
        foreach (var timePoint in TimePoint.All)
            statuses[timePoint.Code] = (await app.FollowUpAsync(procedureId, timePoint))!.Record.FollowUp.Status;
        return statuses;
    }

    private async Task<(Access.RegisteredClinic Clinic, string ProcedureId)> RegisteredAsync(string procedureDate = "2026-02-01", string timeZone = "Europe/Amsterdam")
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync(timeZone: timeZone);
        var patient = Guid.NewGuid().ToString("N")[..8];   // its own contact too: an opt-out is remembered for the contact
        return (clinic, await app.RegisterAsync(clinic, Pipeline.Registration(procedureDate, "NSC-" + patient, email: $"patient.{patient}@example.org")));
    }

    [Fact]
    public async Task A_death_cancels_what_is_still_to_come_for_every_procedure_of_the_patient_and_no_one_else()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var patient = "NSC-" + Guid.NewGuid().ToString("N")[..8];
        var earlier = await app.RegisterAsync(clinic, Pipeline.Registration("2025-10-01", patient));   // 1w and 1m missed at registration
        var later = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patient));     // 1w due today
        var otherPatient = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-22", patient + "-B"));
        var otherClinic = await app.CreateClinicAsync("Other", "Europe/Amsterdam");
        var samePatientRefElsewhere = await app.RegisterAsync(otherClinic, Pipeline.Registration("2026-02-22", patient));
        var answer = SurveyResponseMessage.Create(new FollowUpId(earlier, TimePoint.ThreeMonths), new DateOnly(2026, 2, 27),
            new SurveyAnswers(PainScore.From(4)), AuditActor.ClinicKey(clinic.KeyId), Start, app.Service<ContactCipher>());
        (await app.DeliverResponseAsync(answer.ToQueueText())).EnsureSuccessStatusCode();
        await app.RunTimerAsync();
        Assert.Equal(FollowUpStatus.Invited, (await StatusesAsync(later))["1w"]);

        var response = await PostEventAsync(later, clinic.ApiKey, new { type = "death", date = "2026-02-28" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(("death", "2026-02-28", later, 7), (body["type"]!.GetValue<string>(), body["date"]!.GetValue<string>(),
            body["procedureId"]!.GetValue<string>(), body["followUpsCancelled"]!.GetValue<int>()));
        Assert.Null(body["levels"]);
        Assert.Equal([FollowUpStatus.Missed, FollowUpStatus.Missed, FollowUpStatus.Answered, FollowUpStatus.Cancelled, FollowUpStatus.Cancelled],
            (await StatusesAsync(earlier)).Values);
        Assert.All((await StatusesAsync(later)).Values, s => Assert.Equal(FollowUpStatus.Cancelled, s));
        Assert.DoesNotContain(FollowUpStatus.Cancelled, (await StatusesAsync(otherPatient)).Values);
        Assert.DoesNotContain(FollowUpStatus.Cancelled, (await StatusesAsync(samePatientRefElsewhere)).Values);
        var stored = Assert.Single(await app.Service<IPatientEventStore>().OfProcedureAsync(later, CancellationToken.None));
        Assert.Equal((PatientEventType.Death, new DateOnly(2026, 2, 28)), (stored.Event.Type, stored.Event.Date));
        Assert.Equal(body["eventId"]!.GetValue<string>(), stored.EventId.ToString());
    }

    [Fact]
    public async Task The_event_and_each_cancellation_are_in_the_audit_trail()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        await PostEventAsync(procedureId, clinic.ApiKey, new { type = "withdrawal", date = "2026-02-20" });

        var audit = await (await app.SendAsync(HttpMethod.Get, $"/api/procedures/{procedureId}/audit", clinic.ApiKey)).Content.ReadFromJsonAsync<JsonArray>();
        var recorded = Assert.Single(audit!, e => e!["action"]!.GetValue<string>() == "patient-event-recorded")!;
        Assert.Equal(("withdrawal", "2026-02-20", "clinic-key", clinic.KeyId), (recorded["changes"]!["type"]!.GetValue<string>(),
            recorded["changes"]!["date"]!.GetValue<string>(), recorded["actor"]!.GetValue<string>(), recorded["actorId"]!.GetValue<string>()));
        var cancellations = audit!.Where(e => e!["action"]!.GetValue<string>() == "follow-up-cancelled").ToList();
        Assert.Equal(4, cancellations.Count);   // 1w of a procedure on 2026-02-01 closed before 2026-03-01: missed at registration
        Assert.All(cancellations, c => Assert.Equal("withdrawal", c!["changes"]!["reason"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("withdrawal")]
    [InlineData("opt_out")]
    public async Task A_withdrawal_or_opt_out_cancels_the_remaining_surveys_once(string type)
    {
        var (clinic, procedureId) = await RegisteredAsync("2026-02-22");

        var first = await PostEventAsync(procedureId, clinic.ApiKey, new { type, date = "2026-03-01" });
        var again = await PostEventAsync(procedureId, clinic.ApiKey, new { type, date = "2026-03-01" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(5, (await first.ReadObjectAsync())["followUpsCancelled"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("event-already-recorded", (await again.ReadProblemAsync())["code"]!.GetValue<string>());
        Assert.Single(await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
    }

    [Fact]
    public async Task A_patient_dies_once_whichever_of_their_procedures_it_is_reported_on()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var patient = "NSC-" + Guid.NewGuid().ToString("N")[..8];
        var first = await app.RegisterAsync(clinic, Pipeline.Registration("2026-01-10", patient));
        var second = await app.RegisterAsync(clinic, Pipeline.Registration("2026-02-01", patient));
        var death = await PostEventAsync(first, clinic.ApiKey, new { type = "death", date = "2026-02-20" });
        var eventId = (await death.ReadObjectAsync())["eventId"]!.GetValue<string>();

        var repeated = await PostEventAsync(first, clinic.ApiKey, new { type = "death", date = "2026-02-20" });
        var onTheOther = await PostEventAsync(second, clinic.ApiKey, new { type = "death", date = "2026-02-21" });

        foreach (var response in new[] { repeated, onTheOther })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.ReadProblemAsync();
            Assert.Equal(("event-already-recorded", eventId, first), (problem["code"]!.GetValue<string>(),
                problem["eventId"]!.GetValue<string>(), problem["procedureId"]!.GetValue<string>()));
        }
        Assert.Single(await app.Service<IPatientEventStore>().OfProcedureAsync(first, CancellationToken.None));
        Assert.Empty(await app.Service<IPatientEventStore>().OfProcedureAsync(second, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_fracture_is_data_it_cancels_nothing_and_each_distinct_fracture_is_kept()
    {
        var (clinic, procedureId) = await RegisteredAsync();
        var before = await StatusesAsync(procedureId);

        var first = await PostEventAsync(procedureId, clinic.ApiKey, new { type = "new_fracture", date = "2026-02-20", levels = new[] { "L3", "l2" } });
        var same = await PostEventAsync(procedureId, clinic.ApiKey, new { type = "new_fracture", date = "2026-02-20", levels = new[] { "L2", "L3" } });
        var another = await PostEventAsync(procedureId, clinic.ApiKey, new { type = "new_fracture", date = "2026-02-26" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created), (first.StatusCode, same.StatusCode, another.StatusCode));
        var body = await first.ReadObjectAsync();
        Assert.Equal(["L2", "L3"], body["levels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(0, body["followUpsCancelled"]!.GetValue<int>());
        Assert.Equal(before, await StatusesAsync(procedureId));
        var fractures = await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None);
        Assert.Equal(2, fractures.Count);
        Assert.All(fractures, f => Assert.Equal(PatientEventType.NewFracture, f.Event.Type));
    }

    [Theory]
    [InlineData("""{"type": "death", "date": "2026-03-02"}""", "date")]   // tomorrow in Amsterdam
    [InlineData("""{"type": "death", "date": "2026-01-31"}""", "date")]   // the day before the procedure
    [InlineData("""{"type": "fall", "date": "2026-02-20"}""", "type")]
    [InlineData("""{"date": "2026-02-20"}""", "type")]
    [InlineData("""{"type": "death", "date": "2026-02-20", "levels": ["L1"]}""", "levels")]
    [InlineData("""{"type": "new_fracture", "date": "2026-02-20", "levels": ["X9"]}""", "levels[0]")]
    public async Task A_wrong_field_is_a_400_naming_it_and_changes_nothing(string json, string field)
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var response = await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ReadProblemAsync())["field"]!.GetValue<string>());
        Assert.Empty(await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
        Assert.DoesNotContain(FollowUpStatus.Cancelled, (await StatusesAsync(procedureId)).Values);
    }

    [Fact]
    public async Task The_date_is_checked_against_the_clinics_own_calendar()
    {
        var (auckland, procedureId) = await RegisteredAsync(timeZone: "Pacific/Auckland");
        var (amsterdam, otherId) = await RegisteredAsync();
        app.Clock.Now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);   // 2026-03-02 01:00 in Auckland

        var there = await PostEventAsync(procedureId, auckland.ApiKey, new { type = "new_fracture", date = "2026-03-02" });
        var here = await PostEventAsync(otherId, amsterdam.ApiKey, new { type = "new_fracture", date = "2026-03-02" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (there.StatusCode, here.StatusCode));
    }

    [Fact]
    public async Task Bad_json_is_a_400_and_a_body_over_64_KiB_a_413()
    {
        var (clinic, procedureId) = await RegisteredAsync();

        var malformed = await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey, "{\"type\": ");
        var huge = await app.SendAsync(HttpMethod.Post, $"/api/procedures/{procedureId}/events", clinic.ApiKey,
            $$"""{"type": "death", "date": "2026-02-20", "padding": "{{new string('x', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("malformed-json", (await malformed.ReadProblemAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Empty(await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
    }

    [Fact]
    public async Task Another_clinics_procedure_is_a_404_no_key_a_401_and_the_admin_key_a_403()
    {
        var (_, procedureId) = await RegisteredAsync();
        var other = await app.CreateClinicAsync("Other", "Europe/Amsterdam");
        var death = new { type = "death", date = "2026-02-20" };

        var otherClinic = await PostEventAsync(procedureId, other.ApiKey, death);
        var unknown = await PostEventAsync(Guid.NewGuid().ToString("N"), other.ApiKey, death);
        var noKey = await PostEventAsync(procedureId, null, death);
        var admin = await PostEventAsync(procedureId, OutcomesApp.AdminKey, death);

        Assert.Equal(HttpStatusCode.NotFound, otherClinic.StatusCode);
        Assert.Equal((await otherClinic.ReadProblemAsync())["title"]!.GetValue<string>(), (await unknown.ReadProblemAsync())["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Empty(await app.Service<IPatientEventStore>().OfProcedureAsync(procedureId, CancellationToken.None));
        Assert.DoesNotContain(FollowUpStatus.Cancelled, (await StatusesAsync(procedureId)).Values);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_route_with_its_problems()
    {
        var document = await (await app.Client.GetAsync("/api/openapi.json")).ReadObjectAsync();

        var operation = document["paths"]!["/api/procedures/{procedureId}/events"]!["post"]!;
        Assert.Equal("Bearer", operation["security"]!.AsArray().Single()!.AsObject().Single().Key);
        Assert.NotNull(operation["requestBody"]!["content"]!["application/json"]);
        foreach (var status in new[] { "201", "400", "401", "403", "404", "409", "413" })
            Assert.NotNull(operation["responses"]![status]);
    }
}
