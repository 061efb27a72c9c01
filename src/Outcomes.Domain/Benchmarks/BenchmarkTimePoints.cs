using Outcomes.Domain.FollowUps;

namespace Outcomes.Domain.Benchmarks;

/// <summary>
/// How the benchmark file's time points map to the app's: <c>baseline</c> (before the procedure) and the five
/// follow-ups <c>1w</c>, <c>1m</c>, <c>3m</c>, <c>6m</c>, <c>12m</c> are written in the file exactly as the app writes
/// them, so each maps to itself. The file's other time points, <c>2w</c> (a trial's 14-day end point) and
/// <c>pooled</c> (a review pooling follow-ups of different lengths), have no clinic counterpart: their figures stay in
/// the catalog, with <see cref="BenchmarkFigure.ClinicTimePoint"/> null, and are never matched to a clinic's time point.
/// </summary>
public static class BenchmarkTimePoints
{
    public const string Baseline = "baseline";

    /// <summary>The app's time points a benchmark can stand beside, in order: baseline, then the follow-ups.</summary>
    public static readonly IReadOnlyList<string> Clinic = [Baseline, .. TimePoint.All.Select(t => t.Code)];

    private static readonly Dictionary<string, string> FileToClinic = new(StringComparer.Ordinal)
    {
        ["baseline"] = Baseline,
        ["1w"] = TimePoint.OneWeek.Code,
        ["1m"] = TimePoint.OneMonth.Code,
        ["3m"] = TimePoint.ThreeMonths.Code,
        ["6m"] = TimePoint.SixMonths.Code,
        ["12m"] = TimePoint.TwelveMonths.Code,
    };

    /// <summary>The app's time point a file time point stands for, or null when it has none (<c>2w</c>, <c>pooled</c>).</summary>
    public static string? ToClinic(string fileTimePoint) => FileToClinic.GetValueOrDefault(fileTimePoint);
}
