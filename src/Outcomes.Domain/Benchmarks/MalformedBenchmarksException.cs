namespace Outcomes.Domain.Benchmarks;

/// <summary>The benchmark file is not what <see cref="BenchmarkCatalog.Load(System.Text.Json.JsonElement)"/> expects.
/// <see cref="Problems"/> names each wrong field by study and path, e.g. <c>studies[0] (tan2015).citation</c>.</summary>
public sealed class MalformedBenchmarksException(IReadOnlyList<string> problems)
    : Exception($"The benchmark file is malformed: {string.Join(" ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
