using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outcomes.EndToEnd.Tests;

/// <summary>
/// <c>--demo</c>, as a new user runs it: the local host seeds its clinics, procedures, answers and events through the
/// API, then prints the keys; the dashboard's figures and the worklists' red flags are there. Run again, it adds nothing.
/// </summary>
public sealed partial class DemoTests
{
    /// <summary>Generous for a shared two-core machine; the README's figure is measured on a quiet one.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_demo_fills_three_clinics_dashboards_and_worklists_and_a_second_run_adds_nothing()
    {
        var first = LocalHostProcess.WithDemo();
        await first.InitializeAsync();
        LocalHostProcess? second = null;
        int? orphanedHandler = null;
        try
        {
            await WhenDemoReadyAsync(first);
            var keys = first.Lines.Select(l => ClinicKeyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).ToList();
            var analystKey = first.Lines.Select(l => AnalystKeyLine().Match(l)).Single(m => m.Success).Groups["key"].Value;
            Assert.Equal(3, keys.Count);
            Assert.Contains(first.Lines, l => l.Contains($"http://localhost:{first.Port}/api/dashboard/sign-in", StringComparison.Ordinal));
            var seeding = first.Lines.SkipWhile(l => !l.StartsWith("Demo: seeding", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("Demo ready", StringComparison.Ordinal)).ToList();
            Assert.Contains(seeding, l => l.StartsWith("Demo: registered", StringComparison.Ordinal));
            Assert.DoesNotContain(seeding, l => l.Contains("(Succeeded, Id=", StringComparison.Ordinal) || l.Contains("Executing 'Functions.", StringComparison.Ordinal));

            var seeded = await SnapshotAsync(first, keys, analystKey);
            Assert.Equal(3, seeded.Clinics);
            Assert.InRange(seeded.Procedures.Sum(), 200, 400);
            Assert.All(seeded.Procedures, n => Assert.True(n > 0));
            Assert.True(seeded.Answered.Sum() > seeded.Procedures.Sum(), $"only {seeded.Answered.Sum()} answers recorded");
            Assert.All(seeded.TimePointsWithPain, n => Assert.True(n >= 3, $"the dashboard has pain figures at {n} time points"));
            Assert.All(seeded.RedFlags, n => Assert.True(n >= 1, "a clinic's worklist has no red flag"));
            var alerts = await Storage.EventuallyAsync(() => Task.FromResult(Directory.Exists(first.OutboxFolder)
                    ? Directory.GetFiles(first.OutboxFolder, "*-RecordSurveyResponse-alert-*.json").Length : 0),
                n => n >= seeded.RedFlags.Sum(), TimeSpan.FromSeconds(60), "an alert e-mail for each red flag");
            Assert.Equal(seeded.RedFlags.Sum(), alerts);

            orphanedHandler = first.HandlerPid;
            await first.KillHostOnlyAsync();
            second = LocalHostProcess.RestartOf(first);
            await second.InitializeAsync();
            await WhenDemoReadyAsync(second);

            Assert.Contains(second.Lines, l => l.Contains("nothing was added", StringComparison.Ordinal));
            Assert.Equal(keys, second.Lines.Select(l => ClinicKeyLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value));
            Assert.Equal(seeded, await SnapshotAsync(second, keys, analystKey));
        }
        finally
        {
            if (second is not null)
                await second.DisposeAsync();
            if (orphanedHandler is { } pid)
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            await first.DisposeAsync();
        }
    }

    private static async Task WhenDemoReadyAsync(LocalHostProcess host)
    {
        var line = await host.WaitForLineAsync(l => l.StartsWith("Demo ready", StringComparison.Ordinal) || l.StartsWith("Demo: stopped", StringComparison.Ordinal), Patience);
        Assert.StartsWith("Demo ready", line);
    }

    /// <summary>
    /// What the app shows of the demo: clinics (to an analyst), and per clinic its procedures, answers, pain figures and red
    /// flags. Not the worklist's calls and missed surveys: those change with the clinic's day, not with what was added.
    /// </summary>
    private sealed record Snapshot(int Clinics, Figures Procedures, Figures Answered, Figures TimePointsWithPain, Figures RedFlags);

    /// <summary>Per-clinic counts that compare by value.</summary>
    private sealed class Figures(IEnumerable<int> values) : List<int>(values)
    {
        public override bool Equals(object? obj) => obj is Figures other && this.SequenceEqual(other);
        public override int GetHashCode() => this.Aggregate(17, (h, n) => h * 31 + n);
        public override string ToString() => string.Join(",", this);
    }

    private static async Task<Snapshot> SnapshotAsync(LocalHostProcess host, IReadOnlyList<string> keys, string analystKey)
    {
        var overall = await host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", analystKey, null, HttpStatusCode.OK);
        var procedures = new List<int>();
        var answered = new List<int>();
        var withPain = new List<int>();
        var redFlags = new List<int>();
        foreach (var key in keys)
        {
            procedures.Add(await CountProceduresAsync(host, key));
            var report = await host.SendAsync(HttpMethod.Get, "/api/reports/outcomes", key, null, HttpStatusCode.OK);
            var timePoints = report["timePoints"]!.AsArray().Where(t => t!["code"]!.GetValue<string>() != "baseline").ToList();
            answered.Add(timePoints.Sum(t => t!["answered"]!.GetValue<int>()));
            withPain.Add(timePoints.Count(t => t!["pain"]?["n"]?.GetValue<int>() > 0));
            var worklist = (await host.SendAsync(HttpMethod.Get, "/api/worklist", key, null, HttpStatusCode.OK))["items"]!.AsArray();
            redFlags.Add(worklist.Count(i => i!["redFlag"]!.GetValue<bool>()));
        }
        return new Snapshot(overall["scope"]!["clinics"]!.GetValue<int>(), new(procedures), new(answered), new(withPain), new(redFlags));
    }

    private static async Task<int> CountProceduresAsync(LocalHostProcess host, string key)
    {
        var count = 0;
        string? token = null;
        do
        {
            var path = "/api/procedures?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await host.SendAsync(HttpMethod.Get, path, key, null, HttpStatusCode.OK);
            count += page["procedures"]!.AsArray().Count;
            token = page["continuationToken"] is JsonValue v ? v.GetValue<string>() : null;
        } while (token is not null);
        return count;
    }

    [GeneratedRegex(@"clinic key (?<key>\S+)$")]
    private static partial Regex ClinicKeyLine();

    [GeneratedRegex(@"Analyst key [^:]*: (?<key>\S+)$")]
    private static partial Regex AnalystKeyLine();
}
