using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// The whole follow-up pipeline through the local host, as processes: a clinic registers procedures dated so that each of
/// the five time points is due now; the timer (run through the admin route) invites; invitations reach the outbox; the
/// patients answer through their links; the answers are stored once; a second timer run invites nobody again.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class FollowUpPipelineTests(LocalHostProcess host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly (string TimePoint, Func<DateOnly, DateOnly> DatedFor)[] TimePoints =
    [
        ("1w", today => today.AddDays(-7)),
        ("1m", today => today.AddMonths(-1)),
        ("3m", today => today.AddMonths(-3)),
        ("6m", today => today.AddMonths(-6)),
        ("12m", today => today.AddMonths(-12)),
    ];

    [Fact]
    public async Task Each_time_point_due_now_is_invited_once_answered_through_its_link_and_stored_once()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Pipeline");
        var run = Guid.NewGuid().ToString("N")[..8];
        var patients = new List<(string TimePoint, string ProcedureId, string Email, int Pain)>();
        foreach (var (timePoint, datedFor) in TimePoints)
        {
            var email = $"e2e-{run}-{timePoint}@example.org";
            patients.Add((timePoint, await clinic.RegisterAsync(host, $"E2E-{run}-{timePoint}", datedFor(clinic.Today), email), email, 2 + patients.Count));
        }

        await host.RunTimerAsync();
        var mails = await Storage.EventuallyAsync(() => Task.FromResult(patients.Select(p => host.Mails(p.Email)).ToList()),
            m => m.All(x => x.Count >= 1), Patience, "one invitation in the outbox per patient");

        foreach (var (patient, mail) in patients.Zip(mails))
        {
            var link = Assert.Single(mail).SurveyLink;
            Assert.Equal(host.Port, link.Port);
            var answered = await host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = patient.Pain, medications = new[] { "paracetamol" }, newFracture = "no" });
            Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        }

        foreach (var patient in patients)
        {
            var procedure = await Storage.EventuallyAsync(
                () => host.SendAsync(HttpMethod.Get, $"/api/procedures/{patient.ProcedureId}", clinic.ApiKey, null, HttpStatusCode.OK),
                p => FollowUp(p, patient.TimePoint)["status"]!.GetValue<string>() == "answered", Patience, $"the {patient.TimePoint} answer");
            Assert.Equal(patient.Pain, FollowUp(procedure, patient.TimePoint)["answer"]!["pain"]!.GetValue<int>());
            Assert.Single(await host.AnswerRowsAsync(patient.ProcedureId));
        }

        await host.RunTimerAsync();
        await host.WhenInvitationsSettledAsync(Patience);
        Assert.All(patients, p => Assert.Single(host.Mails(p.Email)));
    }

    [Fact]
    public async Task A_link_used_again_after_its_answer_was_stored_says_already_received()
    {
        var clinic = await TestClinic.CreateInDaytimeAsync(host, "Spine Centre Twice");
        var email = $"e2e-{Guid.NewGuid():N}@example.org";
        var procedureId = await clinic.RegisterAsync(host, "E2E-TWICE", clinic.Today.AddDays(-7), email);
        await host.RunTimerAsync();
        var link = (await Storage.EventuallyAsync(() => Task.FromResult(host.Mails(email)), m => m.Count == 1, Patience, "the invitation"))[0].SurveyLink;

        // Two submits at once, as a double-clicked button sends them: both are taken (or the second finds the first stored), one answer is kept.
        var both = await Task.WhenAll(host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = 4 }), host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = 5 }));
        Assert.All(both, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        await Storage.EventuallyAsync(() => host.AnswerRowsAsync(procedureId), r => r.Count == 1, Patience, "the answer row");
        if (both.All(r => r.StatusCode == HttpStatusCode.Accepted))
            await host.WaitForLineAsync(l => l.Contains($"{procedureId}_1w: AlreadyAnswered"), Patience);

        var again = await host.Client.PostAsJsonAsync(link.PathAndQuery, new { pain = 6 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-received", (await again.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Single(await host.AnswerRowsAsync(procedureId));
    }

    private static JsonNode FollowUp(JsonObject procedure, string timePoint) =>
        procedure["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == timePoint)!;
}
