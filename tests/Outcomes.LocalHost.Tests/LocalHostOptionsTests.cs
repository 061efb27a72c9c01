namespace Outcomes.LocalHost.Tests;

public class LocalHostOptionsTests
{
    private const string Repo = "/repo";

    [Fact]
    public void Without_options_the_host_listens_on_7071_with_azurite_on_its_usual_ports()
    {
        var options = LocalHostOptions.Parse([], Repo, "/repo/app");

        Assert.Equal(7071, options.Port);
        Assert.Equal((10000, 10001, 10002), options.AzuritePorts);
        Assert.Equal(10, options.MaxDeliveryCount);
        Assert.Equal(Path.Combine(Repo, "local.settings.json"), options.SettingsPath);
        Assert.False(options.SettingsPathGiven);
        Assert.Equal(Path.Combine(Repo, ".local", "azurite"), options.AzuriteFolder);
        Assert.Equal(Path.Combine(Repo, ".local", "outbox"), options.OutboxFolder);
        Assert.Equal("/repo/app", options.AppRoot);
    }

    [Fact]
    public void Options_take_their_values_with_a_space_or_an_equals_sign()
    {
        var options = LocalHostOptions.Parse(["--port", "0", "--azurite-ports=0", "--data", "/tmp/lh", "--max-delivery-count", "3"], Repo, "/app");

        Assert.Equal(0, options.Port);
        Assert.Equal((0, 0, 0), options.AzuritePorts);
        Assert.Equal(Path.Combine("/tmp/lh", "outbox"), options.OutboxFolder);
        Assert.Equal(3, options.MaxDeliveryCount);
    }

    [Fact]
    public void Demo_is_a_switch_that_takes_no_value()
    {
        var options = LocalHostOptions.Parse(["--demo", "--port", "0"], Repo, "/app");

        Assert.True(options.Demo);
        Assert.Equal(0, options.Port);
        Assert.False(LocalHostOptions.Parse([], Repo, "/app").Demo);
    }

    [Theory]
    [InlineData("--prot", "7071")]
    [InlineData("--port", "seventy")]
    [InlineData("--azurite-ports", "10000,10001")]
    [InlineData("--max-delivery-count", "0")]
    [InlineData("--data")]
    public void A_bad_option_is_a_format_error_that_names_it(params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => LocalHostOptions.Parse(args, Repo, "/app"));

        Assert.Contains(args[0], error.Message);
    }
}
