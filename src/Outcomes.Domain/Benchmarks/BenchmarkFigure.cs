using System.Text.Json;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Benchmarks;

/// <summary>
/// One published figure (an entry of a study's <c>outcomes</c>): a measure at a time point for one procedure, or for a
/// mixed cohort of both. Only what the paper reported is set; <see cref="Value"/> is null where a paper reported a
/// result in words only, and <see cref="Note"/> then says what it reported.
/// </summary>
/// <param name="StudyId">The study the figure is from.</param>
/// <param name="Measure">The file's measure code (<c>pain_mean</c>, <c>pain_change</c>, …), described in <see cref="BenchmarkCatalog.Measures"/>.</param>
/// <param name="TimePoint">The file's time point code as written (<c>1m</c>, <c>2w</c>, <c>pooled</c>, …); see <see cref="ClinicTimePoint"/>.</param>
/// <param name="ProcedureTypes">The procedures of the cohort the figure describes: the figure's own <c>procedure</c>, else the study's.
/// Two for a mixed cohort (<c>both</c>).</param>
/// <param name="Range">For <c>pain_mean_range</c>: the study says only that its means lay within [low, high].</param>
/// <param name="Extra">Fields the reader does not know, kept as they were written.</param>
public sealed record BenchmarkFigure(
    string StudyId,
    string Measure,
    string TimePoint,
    IReadOnlySet<ProcedureType> ProcedureTypes,
    double? Value,
    BenchmarkInterval? Ci95,
    double? Sd,
    int? N,
    int? Numerator,
    int? Denominator,
    int? Fractures,
    BenchmarkInterval? Range,
    string? Note,
    string? Quote,
    IReadOnlyDictionary<string, JsonElement> Extra)
{
    /// <summary>The app's time point this figure stands beside, or null for the file's others (<c>2w</c>, <c>pooled</c>).</summary>
    public string? ClinicTimePoint => BenchmarkTimePoints.ToClinic(TimePoint);

    /// <summary>True when the figure describes vertebroplasty and kyphoplasty patients together.</summary>
    public bool IsMixedCohort => ProcedureTypes.Count > 1;

    /// <summary>
    /// Whether a clinic's interval [<paramref name="low"/>, <paramref name="high"/>] (same measure, same scale) agrees
    /// with this figure: overlaps its 95% CI when it has one, else its reported range, else contains its value.
    /// Null when the figure has none of these (a result reported in words, or a count such as
    /// <c>numerator</c>/<c>denominator</c>, which is not on the interval's scale).
    /// </summary>
    public bool? Overlaps(double low, double high)
    {
        var clinic = new BenchmarkInterval(low, high);
        if (Ci95 is { } ci) return ci.Overlaps(clinic);
        if (Range is { } range) return range.Overlaps(clinic);
        if (Value is { } value) return clinic.Contains(value);
        return null;
    }
}
