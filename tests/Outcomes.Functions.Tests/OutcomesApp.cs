using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outcomes.LocalHost.Storage;
using Outcomes.Storage;
using Outcomes.Testing;

namespace Outcomes.Functions.Tests;

/// <summary>The real handler (its Program) on a real Azurite, with its own tables and a fixed clock.</summary>
public sealed class OutcomesApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public HttpClient Client => field ??= CreateClient();

    /// <summary>Set before the first request to point the handler somewhere else (e.g. at storage that is down).</summary>
    public string? StorageConnectionOverride { get; init; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    async Task IAsyncLifetime.InitializeAsync() =>
        azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepoRoot, dataFolder: null);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(StorageSetup.ConnectionSetting, StorageConnectionOverride ?? azurite!.ConnectionString);
        builder.UseSetting(StorageSetup.TablePrefixSetting, AzuriteFixture.UniqueName("t"));
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}
