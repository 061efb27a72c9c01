using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Outcomes.EndToEnd.Tests.Browser;

/// <summary>
/// A headless Debian Chromium driven by Playwright, one per test class (<c>IClassFixture&lt;ChromiumFixture&gt;</c>);
/// installs Chromium first when it is missing (<see cref="ChromiumInstaller"/>). Tests open pages with
/// <c>await using var page = await chromium.NewPhonePageAsync(output);</c>.
/// </summary>
public sealed class ChromiumFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>
    /// Headless, with nothing that phones home: without the background-networking flags Chromium floods this
    /// closed network with connections that are refused. A new empty profile comes from Playwright.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string ExecutablePath { get; private set; } = "";

    /// <summary>A page in a new phone-sized context (<see cref="PhonePage"/>); dispose it to close the context.</summary>
    public Task<PhonePage> NewPhonePageAsync(ITestOutputHelper? output = null) => Browser.NewPhonePageAsync(output);

    public async Task InitializeAsync()
    {
        ExecutablePath = await ChromiumInstaller.EnsureInstalledAsync(Say, TestArtifacts.ChromiumInstallLog);

        // Playwright for .NET downloads browsers only through playwright.ps1 install, which nothing here runs (and
        // which cannot work on these machines); the variable keeps it so should a later driver try on its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            ChromiumSandbox = false,
            Args = Arguments,
            Timeout = 60_000,
        });
        Say($"Chromium {Browser.Version} ({ExecutablePath}) is up; screenshots go to {TestArtifacts.ScreenshotsFolder}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>
    /// Progress goes to xunit's diagnostic messages, which <c>dotnet test</c> prints among its own lines (the
    /// project file turns them on) and the .trx keeps.
    /// </summary>
    private void Say(string line) => diagnostics.OnMessage(new DiagnosticMessage(line));
}
