using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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

    /// <summary>The admin key the handler is configured with (setting <c>Outcomes:AdminKey</c>).</summary>
    public const string AdminKey = "test-admin-key-7f3c9a1e5b2d4c8f";

    /// <summary>A contact-encryption key for this test run only.</summary>
    public static readonly string ContactKeys = "test:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The survey-link signing keys for this test run only.</summary>
    public static readonly string SurveyTokenKeys = "test:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public const string PublicBaseUrl = "https://outcomes.example.org";

    /// <summary>Set before the first request to configure another admin key; "" leaves admin access unconfigured.</summary>
    public string AdminKeyOverride { get; init; } = AdminKey;

    /// <summary>This fixture's table-name prefix, for tests that read the rows behind the API; another app given the same
    /// prefix and storage is a second instance of the same deployment.</summary>
    public string TablePrefix { get; init; } = AzuriteFixture.UniqueName("t");

    public string StorageConnection => StorageConnectionOverride ?? azurite!.ConnectionString;

    /// <summary>Every log line the handler wrote, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Set before the first request to point the handler somewhere else (e.g. at storage that is down).</summary>
    public string? StorageConnectionOverride { get; init; }

    /// <summary>Settings beside the usual ones, and services configured after the app's own (set before the first request).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();

    public Action<IServiceCollection>? ExtraServices { get; init; }

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
        builder.UseSetting(StorageSetup.ConnectionSetting, StorageConnection);
        builder.UseSetting(StorageSetup.TablePrefixSetting, TablePrefix);
        builder.UseSetting("Outcomes:AdminKey", AdminKeyOverride);
        builder.UseSetting(ContactCipher.Setting, ContactKeys);
        builder.UseSetting(SurveyLinks.KeysSetting, SurveyTokenKeys);
        builder.UseSetting(SurveyLinks.PublicBaseUrlSetting, PublicBaseUrl);
        builder.UseSetting("SurveyMailFrom", "surveys@outcomes.example.org");
        foreach (var (name, value) in ExtraSettings)
            builder.UseSetting(name, value);
        if (ExtraServices is not null)
            builder.ConfigureServices(ExtraServices);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }
}
