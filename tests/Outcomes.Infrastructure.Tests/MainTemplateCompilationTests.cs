using System.Text.Json;

namespace Outcomes.Infrastructure.Tests;

public class MainTemplateCompilationTests
{
    [Fact]
    public void Main_bicep_builds_to_an_arm_template_without_errors_or_warnings()
    {
        var result = Bicep.Run(Bicep.InfraDirectory, "build", Bicep.MainTemplate, "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Bicep exits 0 on warnings and writes them to stderr: any diagnostic there is a failure.
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());

        using var template = JsonDocument.Parse(result.StandardOutput);
        var root = template.RootElement;
        Assert.EndsWith("/subscriptionDeploymentTemplate.json#", root.GetProperty("$schema").GetString());
        var moduleNames = root.GetProperty("resources").EnumerateArray()
            .Where(resource => resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .Select(resource => resource.GetProperty("name").GetString())
            .ToList();
        Assert.Contains("functionapp", moduleNames);
        Assert.Contains("servicebus", moduleNames);
    }

    [Fact]
    public void Main_bicep_passes_the_bicep_linter_with_nothing_reported()
    {
        var result = Bicep.Run(Bicep.InfraDirectory, "lint", Bicep.MainTemplate);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput), result.ToString());
    }

    [Fact]
    public void The_azd_parameters_file_takes_the_environment_name_and_location_from_azd()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");

        Assert.Equal("${AZURE_ENV_NAME}", values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", values.GetProperty("location").GetProperty("value").GetString());
    }
}
