using Outcomes.LocalHost.Storage;

namespace Outcomes.LocalHost.Tests;

public sealed class AzuriteArgumentsTests
{
    [Fact]
    public void Azurite_runs_on_loopback_without_telemetry_in_memory_and_on_disk()
    {
        var folder = Path.Combine(Path.GetTempPath(), "outcomes-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var dataFolder in new[] { null, folder })
            {
                var arguments = AzuriteProcess.Arguments("azurite.js", dataFolder, (10000, 10001, 10002)).ToList();

                Assert.Contains("--disableTelemetry", arguments);
                foreach (var host in new[] { "--blobHost", "--queueHost", "--tableHost" })
                    Assert.Equal("127.0.0.1", arguments[arguments.IndexOf(host) + 1]);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder);
        }
    }
}
