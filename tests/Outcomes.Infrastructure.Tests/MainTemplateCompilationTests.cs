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
        Assert.Contains("keyvault", moduleNames);
        Assert.Equal("string", root.GetProperty("outputs").GetProperty("AZURE_KEY_VAULT_NAME").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("publicBaseUrl")]
    [InlineData("surveyMailFrom")]
    [InlineData("twilioFromNumber")]
    public void The_pipeline_plain_settings_are_required_described_parameters(string name)
    {
        using var template = Build();
        var parameter = template.RootElement.GetProperty("parameters").GetProperty(name);

        Assert.Equal("string", parameter.GetProperty("type").GetString());
        Assert.False(parameter.TryGetProperty("defaultValue", out _), $"{name} has a default: an environment would silently get it");
        Assert.False(string.IsNullOrWhiteSpace(parameter.GetProperty("metadata").GetProperty("description").GetString()));
        Assert.True(parameter.GetProperty("minLength").GetInt32() > 0, $"{name} accepts an empty value");
    }

    [Fact]
    public void No_secret_value_is_in_the_compiled_template()
    {
        using var template = Build();
        var json = template.RootElement.GetRawText();

        // No secret is created, and no parameter could carry one in.
        Assert.DoesNotContain("Microsoft.KeyVault/vaults/secrets", json, StringComparison.OrdinalIgnoreCase);
        var parameters = template.RootElement.GetProperty("parameters").EnumerateObject().ToList();
        Assert.All(parameters, parameter =>
            Assert.DoesNotContain("secure", parameter.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.All(parameters, parameter =>
            Assert.DoesNotMatch("(?i)key|secret|token|password|sid", parameter.Name));

        // Nothing shaped like a 32-byte base64 key, a SendGrid API key, a Twilio account SID or auth token.
        Assert.DoesNotMatch(@"[A-Za-z0-9+/]{43}=", json);
        Assert.DoesNotMatch(@"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}", json);
        Assert.DoesNotMatch(@"\bAC[0-9a-fA-F]{32}\b", json);
        Assert.DoesNotMatch(@"\b[0-9a-f]{32}\b", json);

        // Nor the development values of local.settings.sample.json.
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.RepoRoot, "local.settings.sample.json")));
        foreach (var name in DeployedResourcesTests.SecretSettings)
        {
            if (sample.RootElement.GetProperty("Values").TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } secret)
            {
                Assert.DoesNotContain(secret, json);
                Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
            }
        }
    }

    [Fact]
    public void Main_bicep_passes_the_bicep_linter_with_nothing_reported()
    {
        var result = Bicep.Run(Bicep.InfraDirectory, "lint", Bicep.MainTemplate);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput), result.ToString());
    }

    public static TheoryData<string> Templates() =>
        new(Directory.GetFiles(Bicep.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Bicep.InfraDirectory, file)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_builds_and_passes_the_linter_with_nothing_reported(string template)
    {
        var build = Bicep.Run(Bicep.InfraDirectory, "build", template, "--stdout");
        var lint = Bicep.Run(Bicep.InfraDirectory, "lint", template);

        Assert.True(build.ExitCode == 0 && string.IsNullOrWhiteSpace(build.StandardError), build.ToString());
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardError + lint.StandardOutput), lint.ToString());
    }

    [Fact]
    public void The_azd_parameters_file_takes_the_environment_name_and_location_from_azd()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");

        Assert.Equal("${AZURE_ENV_NAME}", values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", values.GetProperty("location").GetProperty("value").GetString());
    }

    [Fact]
    public void The_azd_parameters_file_takes_the_plain_settings_from_the_environment_and_no_secret_at_all()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.InfraDirectory, "main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");

        Assert.Equal("${OUTCOMES_PUBLIC_BASE_URL}", values.GetProperty("publicBaseUrl").GetProperty("value").GetString());
        Assert.Equal("${OUTCOMES_SURVEY_MAIL_FROM}", values.GetProperty("surveyMailFrom").GetProperty("value").GetString());
        Assert.Equal("${OUTCOMES_TWILIO_FROM_NUMBER}", values.GetProperty("twilioFromNumber").GetProperty("value").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", values.GetProperty("operatorPrincipalId").GetProperty("value").GetString());
        // Every value is an azd environment variable, never a literal (and so never a secret).
        Assert.All(values.EnumerateObject(), parameter =>
            Assert.Matches(@"^\$\{[A-Z0-9_]+\}$", parameter.Value.GetProperty("value").GetString()));
    }

    private static JsonDocument Build()
    {
        var result = Bicep.Run(Bicep.InfraDirectory, "build", Bicep.MainTemplate, "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput);
    }
}
