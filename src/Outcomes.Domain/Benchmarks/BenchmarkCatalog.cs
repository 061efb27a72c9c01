using System.Text.Json;
using Outcomes.Domain.FollowUps;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Benchmarks;

/// <summary>
/// The published outcome figures the app shows beside a clinic's own, as read from the benchmark file
/// (<c>published-outcomes.json</c>, shipped as data; nothing here holds a number). Load it once with
/// <see cref="Load(Stream)"/>; it is immutable afterwards.
/// </summary>
/// <remarks>
/// Procedures: a study's <c>procedure</c> is <c>vertebroplasty</c>, <c>kyphoplasty</c> or <c>both</c>; a figure's own
/// <c>procedure</c> (as in KAVIAR's and the pooled review's arms) overrides it. A figure left at <c>both</c> is a mixed
/// cohort: <see cref="ForTimePoint(ProcedureType, string, string, bool)"/> leaves it out unless asked for.
/// Time points: see <see cref="BenchmarkTimePoints"/>; <c>2w</c> and <c>pooled</c> figures are in <see cref="Studies"/>
/// but never matched to a clinic's time point.
/// </remarks>
public sealed class BenchmarkCatalog
{
    internal BenchmarkCatalog(string? about, IReadOnlyDictionary<string, string> measures, IReadOnlyList<string> timePoints,
        IReadOnlyList<BenchmarkStudy> studies, IReadOnlyDictionary<string, JsonElement> extra)
    {
        (About, Measures, TimePoints, Studies, Extra) = (about, measures, timePoints, studies, extra);
    }

    /// <summary>The file's own description of where its numbers come from.</summary>
    public string? About { get; }

    /// <summary>Each measure code the figures use, with the file's description of it.</summary>
    public IReadOnlyDictionary<string, string> Measures { get; }

    /// <summary>The file's time point codes, as written (the app's six and the file's others: <c>2w</c>, <c>pooled</c>).</summary>
    public IReadOnlyList<string> TimePoints { get; }

    /// <summary>The studies in the file's order.</summary>
    public IReadOnlyList<BenchmarkStudy> Studies { get; }

    /// <summary>Top-level fields the reader does not know, kept as they were written.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extra { get; }

    public BenchmarkStudy? Study(string id) => Studies.FirstOrDefault(s => s.Id == id);

    /// <summary>Every figure of every study, in the file's order.</summary>
    public IEnumerable<BenchmarkFigure> Figures => Studies.SelectMany(s => s.Figures);

    /// <summary>
    /// The figures to show beside a clinic's <paramref name="measure"/> at <paramref name="timePoint"/> for
    /// <paramref name="procedureType"/>, in the file's order; figures whose value is null (a result in words) are
    /// included, as their note is the benchmark. Empty for a measure no figure has.
    /// </summary>
    /// <param name="timePoint">One of <see cref="BenchmarkTimePoints.Clinic"/>: <c>baseline</c>, <c>1w</c>, <c>1m</c>, <c>3m</c>, <c>6m</c>, <c>12m</c>.</param>
    /// <param name="includeMixedCohorts">Also figures describing vertebroplasty and kyphoplasty patients together.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time point is not one of the app's (e.g. <c>2w</c> or <c>pooled</c>).</exception>
    public IReadOnlyList<BenchmarkFigure> ForTimePoint(ProcedureType procedureType, string timePoint, string measure, bool includeMixedCohorts = false)
    {
        if (!BenchmarkTimePoints.Clinic.Contains(timePoint))
            throw new ArgumentOutOfRangeException(nameof(timePoint), timePoint,
                $"Benchmarks are matched to the app's time points only: {string.Join(", ", BenchmarkTimePoints.Clinic)}.");
        return Figures.Where(f => f.Measure == measure && f.ClinicTimePoint == timePoint
                                  && f.ProcedureTypes.Contains(procedureType) && (includeMixedCohorts || !f.IsMixedCohort))
            .ToList();
    }

    /// <inheritdoc cref="ForTimePoint(ProcedureType, string, string, bool)"/>
    public IReadOnlyList<BenchmarkFigure> ForTimePoint(ProcedureType procedureType, TimePoint timePoint, string measure, bool includeMixedCohorts = false) =>
        ForTimePoint(procedureType, timePoint.Code, measure, includeMixedCohorts);

    /// <summary>Reads and checks the benchmark file (UTF-8 JSON).</summary>
    /// <exception cref="MalformedBenchmarksException">It is not JSON, or a field is missing or wrong: each named by study and path.</exception>
    public static BenchmarkCatalog Load(Stream utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new MalformedBenchmarksException([$"It is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}"]);
        }
        using (document)
            return Load(document.RootElement);
    }

    /// <inheritdoc cref="Load(Stream)"/>
    public static BenchmarkCatalog Load(JsonElement root) => BenchmarkReader.Read(root);
}
