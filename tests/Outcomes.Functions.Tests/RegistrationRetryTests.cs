using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outcomes.Domain.Clinics;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;
using Outcomes.Domain.Reports;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

/// <summary>
/// A registration is counted once, whatever stops its request: sent again under its <c>Idempotency-Key</c> it finds the
/// procedure the first request stored, and one stored but never counted (the request died in between) is counted by the
/// retry or by the timer's next run. Clock: 2026-03-01 09:00 UTC, clinics in Amsterdam.
/// </summary>
public sealed class RegistrationRetryTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private Task<HttpResponseMessage> PostAsync(Access.RegisteredClinic clinic, JsonObject registration, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/procedures")
        {
            Content = new StringContent(registration.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", clinic.ApiKey);
        if (key is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return app.Client.SendAsync(request);
    }

    private async Task<CohortTally?> CohortAsync(string clinicId) =>
        (await app.Service<IOutcomeTallies>().ReadAsync([clinicId], null, null, CancellationToken.None)).SingleOrDefault()?.Cohort;

    private Task<IReadOnlyList<string>> ProceduresOfAsync(string clinicId, string patientRef) =>
        app.Service<IProcedureStore>().ProceduresOfPatientAsync(clinicId, patientRef, CancellationToken.None);

    /// <summary>What a registration request leaves when it dies after storing the procedure and before counting it.</summary>
    private async Task<string> StoreOnlyAsync(Access.RegisteredClinic clinic, JsonObject body, string? key = null)
    {
        var registration = JsonSerializer.Deserialize<ProcedureRegistrationRequest>(body.ToJsonString(), JsonRequest.Options)!
            .ToRegistration(new DateOnly(2026, 3, 1)).Registration!;
        var procedure = new RegisteredProcedure(ProcedureRegistrations.ProcedureId(clinic.ClinicId, key), clinic.ClinicId, registration, app.Clock.GetUtcNow());
        Assert.True(await app.Service<IProcedureStore>().RegisterAsync(procedure, FollowUpSchedule.For(registration.ProcedureDate, new DateOnly(2026, 3, 1)),
            CancellationToken.None));
        return procedure.ProcedureId;
    }

    [Fact]
    public async Task A_registration_sent_again_under_its_key_is_one_procedure_counted_once()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var body = Pipeline.Registration("2026-02-20", "NSC-0101");

        var first = await PostAsync(clinic, body, "3f1c9a7e-retry-1");
        var again = await PostAsync(clinic, body, "\"3f1c9a7e-retry-1\"");   // the same key as a structured-field string

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        var id = (await first.ReadObjectAsync())["procedureId"]!.GetValue<string>();
        Assert.Equal(id, (await again.ReadObjectAsync())["procedureId"]!.GetValue<string>());
        Assert.Equal([id], await ProceduresOfAsync(clinic.ClinicId, "NSC-0101"));
        var cohort = (await CohortAsync(clinic.ClinicId))!;
        Assert.Equal((1, 1), (cohort.Procedures, cohort.Patients));
    }

    [Fact]
    public async Task The_same_registration_sent_five_times_at_once_under_one_key_is_one_procedure()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var body = Pipeline.Registration("2026-02-20", "NSC-0102");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(clinic, body, "upload-0102")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadObjectAsync())["procedureId"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        Assert.Single(await ProceduresOfAsync(clinic.ClinicId, "NSC-0102"));
        var cohort = (await CohortAsync(clinic.ClinicId))!;
        Assert.Equal((1, 1, 1), (cohort.Procedures, cohort.Patients, cohort.Vertebrae));
    }

    [Fact]
    public async Task A_key_used_again_for_another_registration_is_refused_and_stores_nothing()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0103"), "key-0103")).StatusCode);

        var other = await PostAsync(clinic, Pipeline.Registration("2026-02-21", "NSC-0104"), "key-0103");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.ReadProblemAsync();
        Assert.Equal(("idempotency-key-reused", "Idempotency-Key"), (problem["code"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        Assert.Empty(await ProceduresOfAsync(clinic.ClinicId, "NSC-0104"));
        Assert.Equal(1, (await CohortAsync(clinic.ClinicId))!.Procedures);
    }

    [Fact]
    public async Task The_same_key_at_two_clinics_is_two_procedures()
    {
        app.Clock.Now = Start;
        var (north, south) = (await app.CreateClinicAsync(), await app.CreateClinicAsync("Spine Centre South"));
        var body = Pipeline.Registration("2026-02-20", "NSC-0105");

        var ids = new List<string>();
        foreach (var clinic in new[] { north, south })
        {
            var response = await PostAsync(clinic, body, "shared-key");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.ReadObjectAsync())["procedureId"]!.GetValue<string>());
        }

        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(1, (await CohortAsync(south.ClinicId))!.Procedures);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("two words")]
    [InlineData("tab\tinside")]
    [InlineData("quote\"inside")]
    public async Task An_idempotency_key_that_is_not_one_is_a_400_naming_the_header_and_stores_nothing(string key)
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();

        var response = await PostAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0106"), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await response.ReadProblemAsync())["field"]!.GetValue<string>());
        Assert.Empty(await ProceduresOfAsync(clinic.ClinicId, "NSC-0106"));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_a_400()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();

        var response = await PostAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0107"), new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await ProceduresOfAsync(clinic.ClinicId, "NSC-0107"));
    }

    [Fact]
    public async Task A_registration_stored_but_not_counted_is_counted_by_its_retry()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var body = Pipeline.Registration("2025-12-20", "NSC-0108");   // late: the one-week survey was missed at registration
        var id = await StoreOnlyAsync(clinic, body, key: "key-0108");
        Assert.Null(await CohortAsync(clinic.ClinicId));

        var retry = await PostAsync(clinic, body, "key-0108");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(id, (await retry.ReadObjectAsync())["procedureId"]!.GetValue<string>());
        var tallies = Assert.Single(await app.Service<IOutcomeTallies>().ReadAsync([clinic.ClinicId], null, null, CancellationToken.None));
        Assert.Equal((1, 1), (tallies.Cohort.Procedures, tallies.Cohort.Patients));
        Assert.Equal(1, tallies.TimePoints["1w"].Missed);
        Assert.False(await app.Service<IProcedureStore>().IsRegistrationUnfinishedAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_registration_whose_request_stopped_is_counted_by_the_next_timer_run_once()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        await StoreOnlyAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0109"));

        await app.RunTimerAsync();   // the request may still be running: left alone
        Assert.Equal(0, (await CohortAsync(clinic.ClinicId))?.Procedures ?? 0);
        app.Clock.Now = Start + ProcedureRegistrations.Stopped + TimeSpan.FromSeconds(1);
        await app.RunTimerAsync();
        await app.RunTimerAsync();

        var cohort = (await CohortAsync(clinic.ClinicId))!;
        Assert.Equal((1, 1, 1), (cohort.Procedures, cohort.Patients, cohort.Vertebrae));
    }

    [Fact]
    public async Task A_stopped_registration_for_a_contact_that_opted_out_is_not_surveyed()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        await app.Service<IContactOptOuts>().RememberAsync([ContactChannel.Email("opted.out@example.org")!], Start.AddDays(-30), CancellationToken.None);
        var id = await StoreOnlyAsync(clinic, Pipeline.Registration("2026-02-20", "NSC-0110", email: "opted.out@example.org"));

        app.Clock.Now = Start + ProcedureRegistrations.Stopped + TimeSpan.FromSeconds(1);
        var sent = await app.RunTimerAsync();

        Assert.DoesNotContain(sent, m => m.FollowUpId.StartsWith(id, StringComparison.Ordinal));
        Assert.Equal(FollowUpStatus.Cancelled, (await app.FollowUpAsync(id, TimePoint.OneWeek))!.Record.Status);
    }

    [Fact]
    public async Task A_clinic_uploading_many_registrations_at_once_gets_each_stored_and_counted()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => PostAsync(clinic, Pipeline.Registration("2026-02-20", $"UP-{i:D3}"), key: null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        app.Clock.Now = Start + ProcedureRegistrations.Stopped + TimeSpan.FromSeconds(1);
        await app.RunTimerAsync();   // counts any whose count lost the race for the month's tally row
        var cohort = (await CohortAsync(clinic.ClinicId))!;
        Assert.Equal((32, 32), (cohort.Procedures, cohort.Patients));
    }

    [Fact]
    public async Task A_retry_after_the_registration_was_finished_changes_nothing_even_after_an_opt_out()
    {
        app.Clock.Now = Start;
        var clinic = await app.CreateClinicAsync();
        var body = Pipeline.Registration("2026-02-20", "NSC-0111", email: "later.opt.out@example.org");
        var id = (await (await PostAsync(clinic, body, "key-0111")).ReadObjectAsync())["procedureId"]!.GetValue<string>();
        await app.Service<IContactOptOuts>().RememberAsync([ContactChannel.Email("later.opt.out@example.org")!], Start.AddDays(1), CancellationToken.None);

        app.Clock.Now = Start.AddDays(2);
        var retry = await PostAsync(clinic, body, "key-0111");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(FollowUpStatus.Pending, (await app.FollowUpAsync(id, TimePoint.OneMonth))!.Record.Status);   // not cancelled as of the procedure date
        Assert.Equal(1, (await CohortAsync(clinic.ClinicId))!.Procedures);
    }
}
