using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outcomes.Domain.Procedures;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>A follow-up ready to be answered: its procedure, its clinic's key (to read it back) and the message its answer queued.</summary>
internal sealed record SeededAnswer(string ProcedureId, int Clinic, string ClinicKey, Guid ResponseId, string MessageText);

/// <summary>
/// Seeds, through the handler's own API, a cohort whose one-week surveys have been sent and answered but not yet stored:
/// clinics (admin key) placed where it is about 13:00 now, so that the timer may invite; one procedure per patient (clinic
/// key), dated 8 to 20 days ago so that its one-week survey is open and nothing else is due; the timer's run
/// (<c>SendFollowUpSurveys</c>), each invitation delivered (<c>DeliverSurveyInvitation</c>, the link read from the e-mail),
/// and the patient's answers posted to the link (<c>SubmitSurveyResponse</c>, wrapped as the host calls it): the
/// <c>survey-responses</c> message it outputs is what the benchmark later delivers, exactly as the app made it.
/// </summary>
internal static partial class IngestCohort
{
    private static readonly string[] Levels = ["T10", "T11", "T12", "L1", "L2", "L3"];

    public static async Task<IReadOnlyList<SeededAnswer>> SeedAsync(HandlerProcess handler, IngestOptions options, int count, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var (zone, localToday) = DaytimeZone(DateTimeOffset.UtcNow);
        var clinics = new List<(string Id, string Key)>();
        for (var c = 0; c < options.Clinics; c++)
            clinics.Add(await handler.CreateClinicAsync($"Ingest clinic {c + 1}", zone, ct));
        var weights = clinics.Select(_ => 0.3 + random.NextDouble() * 1.7).ToArray();   // clinics differ in size
        var plans = Enumerable.Range(0, count).Select(i => Plan(random, i, Pick(random, weights), localToday)).ToList();

        Console.Error.WriteLine($"Seeding {count:N0} procedures in {clinics.Count} clinics ({zone}, local date {localToday:yyyy-MM-dd}) through the API...");
        var procedures = new string[count];
        var registering = await Concurrently.RunAsync(count, options.SeedConcurrency, async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/procedures") { Content = JsonContent.Create(plans[i].Registration) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clinics[plans[i].Clinic].Key);
            using var response = await handler.Client.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST /api/procedures answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            procedures[i] = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["procedureId"]!.GetValue<string>();
        });
        var byProcedure = Enumerable.Range(0, count).ToDictionary(i => procedures[i]);

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var (outputs, logs) = await handler.Client.InvokeAsync("SendFollowUpSurveys", InvocationPayloads.Timer(), ct);
        var invitations = outputs["invitations"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
        Console.Error.WriteLine($"Registered in {registering.TotalSeconds:F0} s; the timer's run took {timer.Elapsed.TotalSeconds:F0} s: {string.Join(" ", logs)}");
        if (invitations.Count != count)
            throw new InvalidOperationException($"The timer sent {invitations.Count:N0} invitations for {count:N0} procedures due.");

        Console.Error.WriteLine($"Delivering {count:N0} invitations and answering each through its link...");
        var seeded = new SeededAnswer[count];
        var answering = await Concurrently.RunAsync(count, options.SeedConcurrency, async n =>
        {
            var followUpId = JsonNode.Parse(invitations[n])!["followUpId"]!.GetValue<string>();
            var i = byProcedure[followUpId[..followUpId.LastIndexOf('_')]];
            var (mail, _) = await handler.Client.InvokeAsync("DeliverSurveyInvitation",
                InvocationPayloads.ServiceBus("DeliverSurveyInvitation", "invitation", invitations[n], Guid.NewGuid().ToString("N")), ct);
            var token = SurveyToken(mail.ToJsonString())
                ?? throw new InvalidOperationException($"No survey link in the invitation for {followUpId}: {mail.ToJsonString()}");
            var url = $"http://localhost:7071/api/surveys/{token}";
            var (submitted, _) = await handler.Client.InvokeAsync("SubmitSurveyResponse",
                InvocationPayloads.Http("SubmitSurveyResponse", "POST", url, new JsonObject { ["token"] = token }, plans[i].Answers.ToJsonString()), ct);
            if (submitted["res"]?["statusCode"]?.GetValue<int>() != 202 || submitted["response"]?.GetValue<string>() is not { } message)
                throw new InvalidOperationException($"The answers for {followUpId} were not accepted: {submitted.ToJsonString()}");
            var responseId = JsonNode.Parse(message)!["responseId"]!.GetValue<Guid>();
            seeded[i] = new SeededAnswer(procedures[i], plans[i].Clinic, clinics[plans[i].Clinic].Key, responseId, message);
        });
        Console.Error.WriteLine($"Delivered and answered in {answering.TotalSeconds:F0} s.");
        return seeded;
    }

    /// <summary>An Etc/GMT zone where it is about 13:00 now (every offset from -10 to 13 exists), and its local date.</summary>
    public static (string Zone, DateOnly LocalToday) DaytimeZone(DateTimeOffset now)
    {
        var offset = 13 - now.Hour;
        var zone = offset switch { 0 => "Etc/GMT", > 0 => $"Etc/GMT-{offset}", _ => $"Etc/GMT+{-offset}" };
        return (zone, DateOnly.FromDateTime(now.UtcDateTime.AddHours(offset)));
    }

    /// <summary>The survey token of the link in a delivered invitation's outputs, or null.</summary>
    public static string? SurveyToken(string outputs) => SurveyLink().Match(outputs) is { Success: true } link ? link.Groups["token"].Value : null;

    private sealed record PlannedProcedure(int Clinic, JsonObject Registration, JsonObject Answers);

    private static PlannedProcedure Plan(Random random, int i, int clinic, DateOnly localToday)
    {
        var baseline = Math.Clamp((int)Math.Round(7.5 + 1.6 * Gaussian(random)), 0, 10);
        var levels = 1 + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
        var registration = new JsonObject
        {
            ["patientRef"] = $"ING-{i:D7}",
            ["contact"] = new JsonObject { ["email"] = $"patient{i}@example.org", ["language"] = random.NextDouble() < 0.85 ? "en" : "es" },
            ["procedureType"] = (random.NextDouble() < 0.6 ? ProcedureType.Vertebroplasty : ProcedureType.Kyphoplasty).ToWire(),
            ["procedureDate"] = localToday.AddDays(-(8 + random.Next(13))).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["levels"] = new JsonArray(Levels.Skip(random.Next(Levels.Length - levels + 1)).Take(levels).Select(l => (JsonNode)l).ToArray()),
            ["etiology"] = (random.NextDouble() switch { < 0.75 => Etiology.Osteoporotic, < 0.9 => Etiology.Malignant, < 0.97 => Etiology.Traumatic, _ => Etiology.Other }).ToWire(),
            ["baseline"] = new JsonObject { ["pain"] = baseline, ["medications"] = Medications(random) },
        };
        var answers = new JsonObject
        {
            ["pain"] = Math.Clamp((int)Math.Round(baseline - 3.0 + 2.2 * Gaussian(random)), 0, 10),
            ["medications"] = Medications(random),
        };
        if (random.Next(3) is var fracture and > 0)
            answers["newFracture"] = fracture == 1 ? "no" : "unsure";
        return new PlannedProcedure(clinic, registration, answers);
    }

    private static JsonArray Medications(Random random) =>
        new(SyntheticCohort.MedicationChoices[random.Next(SyntheticCohort.MedicationChoices.Length)].Select(m => (JsonNode)m).ToArray());

    private static int Pick(Random random, double[] weights)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var c = 0; c < weights.Length; c++)
            if ((u -= weights[c]) <= 0) return c;
        return weights.Length - 1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [GeneratedRegex(@"/api/surveys/(?<token>[A-Za-z0-9_.~-]+)")]
    private static partial Regex SurveyLink();
}
