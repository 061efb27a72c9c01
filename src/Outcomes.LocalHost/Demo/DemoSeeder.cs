using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Outcomes.LocalHost.Demo;

/// <summary>
/// Seeds the demo cohort through the app's public routes, as clinics would: the clinics (admin key), their procedures
/// (each clinic's key, under an Idempotency-Key), the answers taken by phone or on paper, which travel the
/// survey-responses queue to RecordSurveyResponse, deaths and new fractures, then a run of the follow-up timer through the
/// host's admin route, which invites the patients whose surveys are open now (it goes on after the demo says it is ready).
/// Run again on the same data folder, it finds what it made and adds nothing. Progress and the keys go to the console; no
/// answer or contact detail does.
/// </summary>
internal sealed class DemoSeeder(DemoApi api, string adminKey, string dataFolder, HostConsole console, TimeProvider clock)
{
    /// <summary>
    /// Requests in flight at once. Entering an answer waits mostly on Azurite, which flushes each queue message to disk
    /// before it answers, so more in flight than cores keeps the handler busy; as many as the host's maxConcurrentCalls.
    /// </summary>
    public const int Parallelism = 16;

    public static readonly TimeSpan AnswersDeadline = TimeSpan.FromMinutes(5);

    public const string FollowUpTimer = "SendFollowUpSurveys";

    public async Task<DemoSummary> RunAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var state = DemoState.Load(dataFolder) ?? new DemoState(clock.GetUtcNow(), [], null);
        var cohort = DemoCohort.Generate(state.AsOf);
        console.Line($"Demo: seeding {cohort.Procedures.Count} synthetic procedures at {cohort.Clinics.Count} clinics through the API"
            + (state.Clinics.Count > 0 ? $" (again: dated from the first run, {state.AsOf:yyyy-MM-dd HH:mm} UTC)." : "."));

        var keys = await ClinicKeysAsync(cohort, state, ct);
        if (state.AnalystKey is null)
        {
            var issued = DemoApi.Expect(await api.SendAsync(HttpMethod.Post, "/api/analyst-keys", adminKey, null, ct), "Issuing an analyst key", HttpStatusCode.Created);
            state = state with { AnalystKey = issued.Json["apiKey"]!.GetValue<string>() };
            state.Save(dataFolder);
        }

        var registered = await RegisterAsync(cohort, keys, ct);
        var queued = await EnterAnswersAsync(cohort, keys, registered, ct);
        var events = await RecordEventsAsync(cohort, keys, registered, ct);
        var answers = await WhenAnswersRecordedAsync(cohort, keys, ct);

        DemoApi.Expect(await api.SendAsync(HttpMethod.Post, "/admin/functions/" + FollowUpTimer, null, new { input = "" }, ct),
            "Starting the follow-up timer", HttpStatusCode.Accepted);
        var redFlags = await RedFlagsAsync(keys, ct);

        var summary = new DemoSummary(cohort.Clinics.Count, registered.Count(r => r.New), cohort.Procedures.Count, queued, answers, events, redFlags.Sum(),
            clock.GetElapsedTime(started));
        Print(summary, cohort, state, redFlags);
        return summary;
    }

    private sealed record Registration(string ProcedureId, bool New, IReadOnlySet<string> Answered);

    private async Task<string[]> ClinicKeysAsync(DemoCohort cohort, DemoState state, CancellationToken ct)
    {
        var keys = new string[cohort.Clinics.Count];
        for (var c = 0; c < cohort.Clinics.Count; c++)
        {
            var clinic = cohort.Clinics[c];
            if (state.Clinics.FirstOrDefault(k => k.Name == clinic.Name) is { } known
                && (await api.SendAsync(HttpMethod.Get, "/api/worklist", known.ApiKey, null, ct)).Is(HttpStatusCode.OK))
            {
                keys[c] = known.ApiKey;
                continue;
            }
            var created = DemoApi.Expect(await api.SendAsync(HttpMethod.Post, "/api/clinics", adminKey, new
                {
                    name = clinic.Name, timeZone = clinic.TimeZone,
                    alertEmail = $"worklist-{clinic.RefPrefix.ToLowerInvariant()}@example.org",   // red flags' alerts land in the outbox
                    phone = $"+44207946{100 + c:D4}",   // the UK's range kept for drama
                }, ct),
                $"Creating the clinic {clinic.Name}", HttpStatusCode.Created).Json;
            keys[c] = created["apiKey"]!.GetValue<string>();
            state.Clinics.RemoveAll(k => k.Name == clinic.Name);
            state.Clinics.Add(new DemoState.Clinic(clinic.Name, created["clinicId"]!.GetValue<string>(), keys[c]));
            state.Save(dataFolder);
            console.Line($"Demo: created the clinic {clinic.Name} ({clinic.TimeZone}).");
        }
        return keys;
    }

    private async Task<Registration[]> RegisterAsync(DemoCohort cohort, string[] keys, CancellationToken ct)
    {
        var runStarted = clock.GetUtcNow();
        var registered = new Registration[cohort.Procedures.Count];
        await InParallelAsync(cohort.Procedures.Count, "registered", "procedures", async i =>
        {
            var p = cohort.Procedures[i];
            var body = new
            {
                patientRef = p.PatientRef, contact = new { email = p.Email, phone = p.Phone, language = p.Language }, procedureType = p.ProcedureType,
                procedureDate = Day(p.ProcedureDate), levels = p.Levels, etiology = p.Etiology,
                baseline = new { pain = p.BaselinePain, medications = p.BaselineMedications },
            };
            var view = DemoApi.Expect(await api.SendAsync(HttpMethod.Post, "/api/procedures", keys[p.Clinic], body, ct, p.IdempotencyKey),
                $"Registering {p.PatientRef}", HttpStatusCode.Created).Json;
            var followUps = view["followUps"]!.AsArray().Select(f => (TimePoint: f!["timePoint"]!.GetValue<string>(), Status: f["status"]!.GetValue<string>())).ToList();
            registered[i] = new Registration(view["procedureId"]!.GetValue<string>(),
                DateTimeOffset.Parse(view["registeredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= runStarted,
                followUps.Where(f => f.Status == "answered").Select(f => f.TimePoint).ToHashSet());
        }, ct);
        return registered;
    }

    /// <summary>Queues every answer not yet recorded; returns how many were queued.</summary>
    private async Task<int> EnterAnswersAsync(DemoCohort cohort, string[] keys, Registration[] registered, CancellationToken ct)
    {
        var pending = cohort.Procedures.SelectMany((p, i) => p.Answers.Where(a => !registered[i].Answered.Contains(a.TimePoint)).Select(a => (Index: i, Answer: a))).ToList();
        var queued = 0;
        await InParallelAsync(pending.Count, "entered", "answers", async n =>
        {
            var (i, a) = pending[n];
            var body = new
            {
                timePoint = a.TimePoint, answeredOn = Day(a.AnsweredOn), pain = a.Pain, medications = a.Medications,
                opioid = a.Opioid is { } o ? new { name = o.Name, dailyDose = o.DailyDose } : null, newFracture = a.NewFracture,
            };
            var answer = DemoApi.Expect(await api.SendAsync(HttpMethod.Post, $"/api/procedures/{registered[i].ProcedureId}/responses", keys[cohort.Procedures[i].Clinic], body, ct),
                $"Entering the {a.TimePoint} answer of {cohort.Procedures[i].PatientRef}", HttpStatusCode.Accepted, HttpStatusCode.Conflict);
            if (answer.Is(HttpStatusCode.Accepted)) Interlocked.Increment(ref queued);
        }, ct);
        return queued;
    }

    /// <summary>Records the deaths and new fractures; returns how many were new.</summary>
    private async Task<int> RecordEventsAsync(DemoCohort cohort, string[] keys, Registration[] registered, CancellationToken ct)
    {
        var events = cohort.Procedures.SelectMany((p, i) => p.Events.Select(e => (Index: i, Event: e))).ToList();
        var recorded = 0;
        await InParallelAsync(events.Count, "recorded", "deaths and new fractures", async n =>
        {
            var (i, e) = events[n];
            var answer = DemoApi.Expect(await api.SendAsync(HttpMethod.Post, $"/api/procedures/{registered[i].ProcedureId}/events", keys[cohort.Procedures[i].Clinic],
                    new { type = e.Type, date = Day(e.Date), levels = e.Levels }, ct),
                $"Recording the {e.Type} of {cohort.Procedures[i].PatientRef}", HttpStatusCode.Created, HttpStatusCode.Conflict);
            if (answer.Is(HttpStatusCode.Created)) Interlocked.Increment(ref recorded);
        }, ct);
        return recorded;
    }

    /// <summary>Waits until each clinic's outcome report counts all of its answers; returns how many it counts.</summary>
    private async Task<int> WhenAnswersRecordedAsync(DemoCohort cohort, string[] keys, CancellationToken ct)
    {
        var expected = cohort.Procedures.Sum(p => p.Answers.Count);
        var deadline = clock.GetUtcNow() + AnswersDeadline;
        var lastShown = -1;
        while (true)
        {
            var counted = 0;
            foreach (var key in keys)
                counted += Answered(DemoApi.Expect(await api.SendAsync(HttpMethod.Get, "/api/reports/outcomes", key, null, ct), "Reading the outcome report", HttpStatusCode.OK).Json);
            if (counted != lastShown) console.Line($"Demo: {counted}/{expected} answers recorded");
            lastShown = counted;
            if (counted >= expected) return counted;
            if (clock.GetUtcNow() > deadline)
                throw new DemoFailedException($"Only {counted} of {expected} answers were recorded within {AnswersDeadline.TotalMinutes} minutes; see the host's lines above.");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);   // the next look at the report, not a wait for a guessed time
        }
    }

    /// <summary>The answers to follow-ups the report counts (its baseline row counts the registrations).</summary>
    private static int Answered(JsonNode report) => report["timePoints"]!.AsArray()
        .Where(t => t!["code"]?.GetValue<string>() != "baseline")
        .Sum(t => t!["answered"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0);

    private async Task<int[]> RedFlagsAsync(string[] keys, CancellationToken ct)
    {
        var flags = new int[keys.Length];
        for (var c = 0; c < keys.Length; c++)
        {
            var worklist = DemoApi.Expect(await api.SendAsync(HttpMethod.Get, "/api/worklist", keys[c], null, ct), "Reading the worklist", HttpStatusCode.OK).Json;
            flags[c] = worklist["items"]!.AsArray().Count(item => item!["redFlag"]?.GetValue<bool>() == true);
        }
        return flags;
    }

    private async Task InParallelAsync(int count, string verb, string what, Func<int, Task> each, CancellationToken ct)
    {
        var done = 0;
        var step = Math.Max(1, count / 10);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, _) =>
        {
            await each(i);
            var now = Interlocked.Increment(ref done);
            if (now % step == 0 || now == count) console.Line($"Demo: {verb} {now}/{count} {what}");
        });
    }

    private void Print(DemoSummary summary, DemoCohort cohort, DemoState state, int[] redFlags)
    {
        var site = api.BaseAddress.GetLeftPart(UriPartial.Authority);
        console.Line(summary.AddedNothing
            ? "Demo: it had already run on this data folder; nothing was added."
            : $"Demo: {summary.NewProcedures} procedures registered, {summary.AnswersQueued} answers entered, {summary.EventsRecorded} deaths and new fractures recorded.");
        console.Line($"Demo ready in {summary.Elapsed.TotalSeconds:0} s: {summary.Clinics} clinics, {summary.Procedures} procedures, {summary.AnswersRecorded} answers, "
            + $"{summary.RedFlags} red flags on the worklists.");
        console.Line($"  The follow-up timer is inviting the patients whose surveys are open now: e-mails and texts land in {Path.Combine(dataFolder, "outbox")} (in each clinic's daytime).");
        for (var c = 0; c < cohort.Clinics.Count; c++)
        {
            var clinic = state.Clinics.First(k => k.Name == cohort.Clinics[c].Name);
            console.Line($"  {clinic.Name} ({cohort.Clinics[c].TimeZone}), {redFlags[c]} red flags: clinic key {clinic.ApiKey}");
        }
        console.Line($"  Analyst key (all clinics, small cells suppressed): {state.AnalystKey}");
        console.Line($"  Dashboard: {site}/api/dashboard/sign-in (paste a key)");
        console.Line($"  Worklist:  {site}/api/dashboard/worklist (signed in with a clinic key), or curl -s {site}/api/worklist -H \"Authorization: Bearer <clinic key>\"");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What a run of the demo did: new things it added, and the totals the app shows afterwards.</summary>
internal sealed record DemoSummary(
    int Clinics, int NewProcedures, int Procedures, int AnswersQueued, int AnswersRecorded, int EventsRecorded, int RedFlags, TimeSpan Elapsed)
{
    public bool AddedNothing => NewProcedures == 0 && AnswersQueued == 0 && EventsRecorded == 0;
}
