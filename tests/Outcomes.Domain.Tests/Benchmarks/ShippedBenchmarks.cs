using System.Text;
using Outcomes.Domain.Benchmarks;

namespace Outcomes.Domain.Tests.Benchmarks;

/// <summary>The benchmark file the app ships (<c>src/Outcomes.Functions/Benchmarks/published-outcomes.json</c>), found from the repository root.</summary>
internal static class ShippedBenchmarks
{
    public static readonly string FilePath = Path.Combine(RepoRoot(), "src", "Outcomes.Functions", "Benchmarks", "published-outcomes.json");

    public static BenchmarkCatalog Load()
    {
        using var file = File.OpenRead(FilePath);
        return BenchmarkCatalog.Load(file);
    }

    public static BenchmarkCatalog Parse(string json) => BenchmarkCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Outcomes.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Outcomes.sln above {AppContext.BaseDirectory}.");
    }
}
