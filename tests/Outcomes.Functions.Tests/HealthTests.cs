using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Outcomes.Storage;

namespace Outcomes.Functions.Tests;

public sealed class HealthTests(OutcomesApp app) : IClassFixture<OutcomesApp>
{
    [Fact]
    public async Task Health_is_served_on_the_proxied_api_path_and_reports_table_storage_reachable()
    {
        var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadObjectAsync();
        Assert.Equal("healthy", report["status"]!.GetValue<string>());
        Assert.Equal("reachable", report["tableStorage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_says_503_with_a_problem_when_table_storage_is_down()
    {
        await using var down = new OutcomesApp
        {
            // A table endpoint nothing listens on: port 9 (discard) on loopback.
            StorageConnectionOverride = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        };

        var response = await down.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("urn:outcomes:problem:storage-unavailable", problem["type"]!.GetValue<string>());
        Assert.DoesNotContain("AccountKey", problem.ToJsonString());
    }

    [Fact]
    public async Task The_warm_up_at_start_asks_the_storage_probe_once()
    {
        var probe = new Mock<IStorageProbe>();
        probe.Setup(p => p.WhyUnreachableAsync(It.IsAny<CancellationToken>())).ReturnsAsync("Table Storage could not be reached.");
        await using var services = new ServiceCollection().AddSingleton(probe.Object).BuildServiceProvider();

        await StorageWarmUp.Start(services);

        probe.Verify(p => p.WhyUnreachableAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
