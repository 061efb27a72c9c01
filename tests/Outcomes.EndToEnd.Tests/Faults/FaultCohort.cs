using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Outcomes.Storage.Tables;

namespace Outcomes.EndToEnd.Tests;

/// <summary>A patient of a fault test: their procedures, their e-mail, and the answer Outcomes acknowledged, if any.</summary>
internal sealed record FaultPatient(string Ref, string Email, List<string> ProcedureIds)
{
    public int? AcknowledgedPain { get; set; }
    public bool StoppedByEvent { get; set; }
    public bool EventRecorded { get; set; }
}

/// <summary>
/// A clinic's patients in a fault test, registered through the API, and what must hold once everything settled: every
/// acknowledged answer stored once with its audit entry, every invitation sent once, the tallies equal to a recount.
/// </summary>
internal sealed class FaultCohort(LocalHostProcess host, TestClinic clinic)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public TestClinic Clinic => clinic;
    public List<FaultPatient> Patients { get; } = [];
    public IEnumerable<string> ProcedureIds => Patients.SelectMany(p => p.ProcedureIds);

    /// <summary>The same clinic and patients, seen through another local host (one restarted on the same storage).</summary>
    public FaultCohort On(LocalHostProcess other)
    {
        var moved = new FaultCohort(other, clinic);
        moved.Patients.AddRange(Patients);
        return moved;
    }

    public async Task<FaultPatient> RegisterAsync(string patientRef, params (string Type, string Etiology, DateOnly Date, string[] Levels, int BaselinePain)[] procedures)
    {
        var patient = new FaultPatient(patientRef, $"{patientRef.ToLowerInvariant()}@example.org", []);
        foreach (var p in procedures)
        {
            var created = await host.SendAsync(HttpMethod.Post, "/api/procedures", clinic.ApiKey, new
            {
                patientRef, contact = new { email = patient.Email, language = "en" }, procedureType = p.Type, procedureDate = p.Date.ToString("yyyy-MM-dd"),
                levels = p.Levels, etiology = p.Etiology, baseline = new { pain = p.BaselinePain, medications = new[] { "paracetamol" } },
            }, HttpStatusCode.Created);
            patient.ProcedureIds.Add(created["procedureId"]!.GetValue<string>());
        }
        Patients.Add(patient);
        return patient;
    }

    /// <summary>The patient answers through their e-mail's link, again after a server error; returns Outcomes' last answer (202: acknowledged).</summary>
    public async Task<HttpResponseMessage> AnswerThroughLinkAsync(FaultPatient patient, Uri link, int pain) =>
        Acknowledged(patient, pain, await Persistently.PostAsync(host, link.PathAndQuery, null, Answers(pain), Patience));

    /// <summary>The clinic enters the patient's answer taken by phone, again after a server error; returns Outcomes' last answer.</summary>
    public async Task<HttpResponseMessage> AnswerByPhoneAsync(FaultPatient patient, string procedureId, string timePoint, int pain)
    {
        var answers = new JsonObject { ["timePoint"] = timePoint, ["answeredOn"] = clinic.Today.ToString("yyyy-MM-dd") };
        foreach (var (name, value) in System.Text.Json.JsonSerializer.SerializeToNode(Answers(pain))!.AsObject())
            answers[name] = value?.DeepClone();
        return Acknowledged(patient, pain, await Persistently.PostAsync(host, $"/api/procedures/{procedureId}/responses", clinic.ApiKey, answers, Patience));
    }

    private static object Answers(int pain) =>
        new { pain, medications = new[] { pain % 3 == 0 ? "none" : "paracetamol" }, newFracture = pain % 4 == 0 ? "yes" : "no" };

    private static HttpResponseMessage Acknowledged(FaultPatient patient, int pain, HttpResponseMessage answered)
    {
        if (answered.StatusCode == HttpStatusCode.Accepted)
            patient.AcknowledgedPain = pain;
        return answered;
    }

    /// <summary>A death, withdrawal or opt-out recorded by the clinic, again after a server error; a 409 says a first attempt got through.</summary>
    public async Task RecordEventAsync(FaultPatient patient, string type)
    {
        patient.StoppedByEvent = true;
        var recorded = await Persistently.PostAsync(host, $"/api/procedures/{patient.ProcedureIds[0]}/events", clinic.ApiKey,
            new { type, date = clinic.Today.ToString("yyyy-MM-dd") }, Patience);
        Assert.True(recorded.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{patient.Ref} {type}: {recorded.StatusCode} {await recorded.Content.ReadAsStringAsync()}");
        patient.EventRecorded = true;
    }

    /// <summary>
    /// Everything settled: a timer round (it sends what a dead run claimed and counts answers whose count died with a
    /// handler), every invitation delivered, every answer message delivered; then a report read, which writes what the
    /// handler still holds for the clinic's tallies.
    /// </summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 2; round++)   // the second round counts what the first one's deliveries stored
        {
            await host.RunTimerAsync();
            await host.WhenInvitationsSettledAsync(Patience);
            // On the queue counts the messages held invisible too: a delivery the last kill cut short waits out its abandon delay.
            await Storage.EventuallyAsync(async () => (Queued: await host.MessagesOnQueueAsync("survey-responses"), Quiet: Storage.Quiet(host, "RecordSurveyResponse")),
                s => s is { Queued: 0, Quiet: true }, Patience, "every answer message delivered");
        }
        await host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", clinic.ApiKey, null, HttpStatusCode.OK);
    }

    public async Task AssertEveryAcknowledgedAnswerStoredOnceWithItsAuditEntryAsync()
    {
        foreach (var patient in Patients)
        {
            var responses = new List<TableEntity>();
            foreach (var procedureId in patient.ProcedureIds)
            {
                var rows = await host.AnswerRowsAsync(procedureId);
                var audit = await host.SendAsync<JsonArray>($"/api/procedures/{procedureId}/audit", clinic.ApiKey);
                var audited = audit.Where(e => e!["action"]!.GetValue<string>() == "follow-up-answered").Select(e => e!["changes"]!["timePoint"]!.GetValue<string>()).ToList();
                Assert.Equal(rows.Select(TimePointOf).Order(), audited.Order());   // one entry per stored answer, none twice
                responses.AddRange(rows);
            }
            if (patient.AcknowledgedPain is { } pain)
            {
                Assert.True(responses.Count > 0, $"{patient.Ref} was told their answer (pain {pain}) was received, and none is stored. " +
                    $"What the local host said about their procedures:\n{string.Join("\n", host.Lines.Where(l => patient.ProcedureIds.Any(id => l.Contains(id, StringComparison.Ordinal))))}");
                Assert.All(responses, r => Assert.Equal(pain, JsonNode.Parse(r.GetString("Answers"))!["pain"]!.GetValue<int>()));
            }
        }
    }

    /// <summary>Each patient's one invitation is in the outbox once if it was handed out, and not at all if not.</summary>
    public async Task AssertEveryInvitationSentOnceAsync()
    {
        var table = new TableClient(host.StorageConnectionString, "Procedures");
        foreach (var patient in Patients)
        {
            var handedOut = false;
            var seen = new List<string>();
            foreach (var procedureId in patient.ProcedureIds)
            {
                var (after, before) = ProcedureRows.Range(procedureId, ProcedureRows.FollowUpKind);
                var followUps = await table.QueryAsync<TableEntity>(e => e.PartitionKey == procedureId && e.RowKey.CompareTo(after) > 0 && e.RowKey.CompareTo(before) < 0).ToListAsync();
                handedOut |= followUps.Any(f => f.GetString("MessageDeliveredBy") is not null);
                seen.AddRange(followUps.Where(f => f.GetString("Status") != "pending").Select(f =>
                    $"{f.RowKey} {f.GetString("Status")} invitation {f.GetString("InvitationId")} message {f.GetInt32("MessageNumber")} delivered by {f.GetString("MessageDeliveredBy")}"));
            }
            var mails = host.Mails(patient.Email);
            Assert.True(mails.Count == (handedOut ? 1 : 0), $"{patient.Ref}: {mails.Count} e-mails ({string.Join(", ", mails.Select(m => Path.GetFileName(m.File)))}), follow-ups: {string.Join("; ", seen)}");
        }
    }

    public async Task AssertTalliesEqualRecountAsync()
    {
        var differences = await TallyRecount.DifferencesAsync(host, clinic.ClinicId, ProcedureIds);
        Assert.True(differences.Count == 0, "The tallies differ from a recount of the stored rows:\n" + string.Join("\n", differences));
    }

    private static string TimePointOf(TableEntity response) => response.RowKey[(response.RowKey.LastIndexOf('-') + 1)..];
}

internal static class ApiReads
{
    public static async Task<T> SendAsync<T>(this LocalHostProcess host, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var response = await host.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
