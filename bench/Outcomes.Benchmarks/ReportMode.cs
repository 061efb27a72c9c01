using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outcomes.Storage;

namespace Outcomes.Benchmarks;

/// <summary>How a report is timed: over HTTP when the route exists, else its read path in this process.</summary>
internal sealed class ReportMode
{
    public static readonly ReportMode Http = new();
    public static readonly ReportMode Direct = new();
    private readonly Dictionary<string, IOutcomeTallies> direct = [];

    public static async Task<ReportMode> DetectAsync(Cohort cohort, CancellationToken ct)
    {
        using var response = await cohort.Handler.Client.SendAsync(Request(cohort, ReportKind.Clinic), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return Direct;
        response.EnsureSuccessStatusCode();
        return Http;
    }

    public async Task<double> TimeAsync(Cohort cohort, ReportKind kind, string storage, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (this == Http)
        {
            using var response = await cohort.Handler.Client.SendAsync(Request(cohort, kind), ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
                throw new InvalidOperationException($"The report answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
        else
        {
            if (!direct.TryGetValue(cohort.Prefix, out var tallies))
            {
                var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [StorageSetup.ConnectionSetting] = storage, [StorageSetup.TablePrefixSetting] = cohort.Prefix,
                }).Build();
                direct[cohort.Prefix] = tallies = new ServiceCollection().AddOutcomesStorage(settings).BuildServiceProvider().GetRequiredService<IOutcomeTallies>();
            }
            var cells = await tallies.ReadAsync(kind == ReportKind.Clinic ? [cohort.ClinicId] : cohort.ClinicIds, null, null, ct);
            _ = cells.Sum(c => c.Cohort.Procedures + c.TimePoints.Values.Sum(t => t.Answered));
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static HttpRequestMessage Request(Cohort cohort, ReportKind kind) => new(HttpMethod.Get, "/api/reports/outcomes")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", kind == ReportKind.Clinic ? cohort.ClinicKey : cohort.AnalystKey) },
    };
}
