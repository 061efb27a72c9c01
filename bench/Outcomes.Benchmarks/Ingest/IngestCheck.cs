using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outcomes.Benchmarks.Ingest;

/// <summary>What the read-back found: answers stored as sent, answers counted in the report, and everything that was not so.</summary>
internal sealed record IngestCheckResult(int Stored, int Counted, int Expected, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0 && Stored == Expected && Counted == Expected;
}

/// <summary>
/// After the timed rounds, reads back through the API what was stored, so that no rate is reported for work not done: every
/// procedure's one-week follow-up is answered with the response id of the message delivered for it (GET /api/procedures/{id}),
/// and each clinic's own report counts exactly as many one-week answers as were delivered to it (GET /api/reports/outcomes,
/// summed from the tallies, so an answer counted twice or not at all shows).
/// </summary>
internal static class IngestCheck
{
    public static async Task<IngestCheckResult> RunAsync(HttpClient handler, IReadOnlyList<SeededAnswer> answers, int clients, CancellationToken ct)
    {
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stored = 0;
        await Concurrently.RunAsync(answers.Count, clients, async i =>
        {
            var answer = answers[i];
            var procedure = await GetAsync(handler, $"/api/procedures/{answer.ProcedureId}", answer.ClinicKey, ct);
            var oneWeek = procedure["followUps"]!.AsArray().Single(f => f!["timePoint"]!.GetValue<string>() == "1w")!;
            var status = oneWeek["status"]!.GetValue<string>();
            var responseId = oneWeek["answer"]?["responseId"]?.GetValue<string>();
            if (status == "answered" && responseId == answer.ResponseId.ToString())
                Interlocked.Increment(ref stored);
            else
                problems.Add($"{answer.ProcedureId}: 1w is '{status}' with response {responseId ?? "none"}, sent {answer.ResponseId}");
        });

        var counted = 0;
        foreach (var clinic in answers.GroupBy(a => a.Clinic).OrderBy(g => g.Key))
        {
            var report = await GetAsync(handler, "/api/reports/outcomes", clinic.First().ClinicKey, ct);
            var oneWeek = report["timePoints"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == "1w")!;
            var answered = oneWeek["answered"]!.GetValue<int>();
            counted += answered;
            if (answered != clinic.Count())
                problems.Add($"clinic {clinic.Key + 1}: its report counts {answered} one-week answers, {clinic.Count()} were delivered");
        }
        return new IngestCheckResult(stored, counted, answers.Count, problems.ToList());
    }

    private static async Task<JsonObject> GetAsync(HttpClient handler, string path, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await handler.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }
}
