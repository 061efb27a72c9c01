using System.Reflection;
using Outcomes.LocalHost.Storage;
using Xunit;

namespace Outcomes.Testing;

/// <summary>One real Azurite process per test class fixture, in memory, on ports the operating system picks.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => (azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public static string RepoRoot { get; } = typeof(AzuriteFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OutcomesRepoRoot").Value!;

    public static string Configuration { get; } = typeof(AzuriteFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OutcomesConfiguration").Value!;

    /// <summary>A table or queue name no other test in this run uses.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync(RepoRoot, dataFolder: null);

    public async Task DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
    }
}
