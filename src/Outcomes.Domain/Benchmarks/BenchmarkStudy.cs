using System.Text.Json;
using Outcomes.Domain.Procedures;

namespace Outcomes.Domain.Benchmarks;

/// <summary>
/// A published study and the figures read from it. Every study has a <see cref="Citation"/>, a <see cref="SourceUrl"/>
/// and the <see cref="Quote"/> its numbers were read from: show them with any of its figures.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>tan2015</c>.</param>
/// <param name="ProcedureTypes">The file's <c>procedure</c>: one, or both for <c>both</c>.</param>
/// <param name="Patients">Patients in the arm the figures describe, when given.</param>
/// <param name="ProcedureCount">The file's <c>procedures</c>: how many procedures those patients had, when given.</param>
/// <param name="Extra">Fields the reader does not know, kept as they were written.</param>
public sealed record BenchmarkStudy(
    string Id,
    string Citation,
    string SourceUrl,
    IReadOnlySet<ProcedureType> ProcedureTypes,
    string? Population,
    string? Design,
    int? Patients,
    int? ProcedureCount,
    int? Vertebrae,
    string? PainScale,
    string Quote,
    IReadOnlyList<BenchmarkFigure> Figures,
    IReadOnlyDictionary<string, JsonElement> Extra);
