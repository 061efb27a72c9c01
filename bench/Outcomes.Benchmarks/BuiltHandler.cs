using System.Reflection;

namespace Outcomes.Benchmarks;

/// <summary>Where the build put the handler this benchmark starts: the repository and configuration it was built from.</summary>
internal static class BuiltHandler
{
    private static readonly Dictionary<string, string> Metadata = typeof(BuiltHandler).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value!);

    public static string RepoRoot => Metadata["OutcomesRepoRoot"];

    public static string Configuration => Metadata["OutcomesConfiguration"];

    /// <summary>The handler executable (<c>src/Outcomes.Functions/bin/&lt;Configuration&gt;/net10.0/Outcomes.Functions</c>).</summary>
    public static string Path => System.IO.Path.Combine(RepoRoot, "src", "Outcomes.Functions", "bin", Configuration, "net10.0", "Outcomes.Functions");
}
