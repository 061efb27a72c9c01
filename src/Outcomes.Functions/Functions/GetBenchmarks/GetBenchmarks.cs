using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Outcomes.Domain.Benchmarks;
using Outcomes.Domain.Procedures;

namespace Outcomes.Functions;

/// <summary>
/// GET /api/benchmarks (clinic or analyst): the published benchmark catalog, every study with its citation, source URL
/// and quote, and the figures read from it, exactly as the shipped file (<c>Benchmarks/published-outcomes.json</c>) holds them.
/// </summary>
public static class GetBenchmarks
{
    public const string Route = "/api/benchmarks";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Route, Handle).WithName(nameof(GetBenchmarks));

    /// <summary>
    /// The shipped catalog, read once, when a report, the dashboard or this route first needs it (not while the handler
    /// starts); a malformed file fails naming the study and field, and the domain tests read the shipped file the same way.
    /// </summary>
    public static BenchmarkCatalog LoadCatalog(string path)
    {
        using var file = File.OpenRead(path);
        return BenchmarkCatalog.Load(file);
    }

    public sealed record Catalog(string? About, IReadOnlyDictionary<string, string> Measures, IReadOnlyList<string> TimePoints,
        IReadOnlyList<string> ClinicTimePoints, IReadOnlyList<Study> Studies);

    public sealed record Study(string Id, string Citation, string SourceUrl, string Procedure, string? Population, string? Design,
        int? Patients, int? Procedures, int? Vertebrae, string? PainScale, string Quote, IReadOnlyList<Figure> Figures,
        IReadOnlyDictionary<string, JsonElement>? Extra);

    /// <param name="ClinicTimePoint">The app's time point the figure stands beside; null for the file's <c>2w</c> and <c>pooled</c>.</param>
    public sealed record Figure(string Measure, string TimePoint, string? ClinicTimePoint, string Procedure, double? Value, double[]? Ci95,
        double? Sd, int? N, int? Numerator, int? Denominator, int? Fractures, double? Low, double? High, string? Note, string? Quote,
        IReadOnlyDictionary<string, JsonElement>? Extra);

    internal static Ok<Catalog> Handle(BenchmarkCatalog catalog, HttpContext http)
    {
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Ok(new Catalog(catalog.About, catalog.Measures, catalog.TimePoints, BenchmarkTimePoints.Clinic,
            catalog.Studies.Select(s => new Study(s.Id, s.Citation, s.SourceUrl, Code(s.ProcedureTypes), s.Population, s.Design,
                s.Patients, s.ProcedureCount, s.Vertebrae, s.PainScale, s.Quote, s.Figures.Select(ToFigure).ToList(), OrNull(s.Extra))).ToList()));
    }

    private static Figure ToFigure(BenchmarkFigure f) => new(f.Measure, f.TimePoint, f.ClinicTimePoint, Code(f.ProcedureTypes), f.Value,
        f.Ci95 is { } ci ? [ci.Low, ci.High] : null, f.Sd, f.N, f.Numerator, f.Denominator, f.Fractures, f.Range?.Low, f.Range?.High,
        f.Note, f.Quote, OrNull(f.Extra));

    private static string Code(IReadOnlySet<ProcedureType> procedures) => procedures.Count == 1 ? procedures.Single().ToWire() : "both";

    private static IReadOnlyDictionary<string, JsonElement>? OrNull(IReadOnlyDictionary<string, JsonElement> extra) => extra.Count > 0 ? extra : null;
}
