namespace Outcomes.LocalHost.Demo;

/// <summary>
/// <c>--demo</c>: the seeder, run once the local host listens, beside it. Whatever stops the demo, the host goes on serving
/// what was seeded; the console says why the demo stopped.
/// </summary>
internal static class DemoRun
{
    public const string AdminKeySetting = "Outcomes__AdminKey";
    public const string ConsoleTelemetrySetting = "Outcomes__Telemetry__Console";

    /// <summary>The handler's spans on the console (a few thousand requests' worth) would bury the demo's progress: off for a demo run.</summary>
    public static void QuietConsoleTelemetry(IDictionary<string, string> environment, HostConsole console)
    {
        if (!environment.TryGetValue(ConsoleTelemetrySetting, out var value) || !bool.TryParse(value, out var on) || !on) return;
        environment[ConsoleTelemetrySetting] = "false";
        console.Line($"Demo: the handler's console telemetry ({ConsoleTelemetrySetting}) is off for this run, so that the demo's progress shows.");
    }

    public static async Task RunAsync(Uri site, string? adminKey, string dataFolder, HostConsole console, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(adminKey))
        {
            console.Line($"Demo: not seeded: the settings have no {AdminKeySetting} to create its clinics with.");
            return;
        }
        using var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromMinutes(2) };
        console.Line("Demo: each successful invocation's lines are left out until the demo is ready (failures still show).");
        console.QuietInvocations(true);
        try
        {
            await new DemoSeeder(new DemoApi(http), adminKey, dataFolder, console, TimeProvider.System).RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (DemoFailedException e) { console.Line($"Demo: stopped: {e.Message}"); }
        // Anything else is a fault of the demo's own: said in the console, and the host serves on.
        catch (Exception e) when (!ct.IsCancellationRequested) { console.Line($"Demo: stopped: {Backoff.Describe(e)}"); }
        finally { console.QuietInvocations(false); }
    }
}
