using System.Text.Json;

namespace Outcomes.Infrastructure.Tests;

/// <summary>
/// What infra/main.bicep would deploy for one azd environment: `bicep snapshot` evaluates the compiled
/// template with its parameters (modules, loops, names, parameter defaults) into concrete resources.
/// </summary>
public class DeploymentSnapshot : IDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000a11c";
    public const string TenantId = "00000000-0000-0000-0000-00000000beef";
    public const string EnvironmentName = "outcomes-test";
    public const string Location = "swedencentral";
    public const string PublicBaseUrl = "https://outcomes.test.example";
    public const string SurveyMailFrom = "surveys@outcomes.test.example";
    public const string TwilioFromNumber = "+15550123";

    private readonly string _directory;
    private readonly JsonDocument _snapshot;

    public DeploymentSnapshot() : this(new Dictionary<string, string>())
    {
    }

    /// <param name="extraParameters">parameters beyond the sample environment's, by name (string values)</param>
    protected DeploymentSnapshot(IReadOnlyDictionary<string, string> extraParameters)
    {
        _directory = Directory.CreateTempSubdirectory("outcomes-infra-").FullName;
        var parametersFile = Path.Combine(_directory, "test.bicepparam");
        // A .bicepparam file must name its template by a relative path.
        var template = Path.GetRelativePath(_directory, Bicep.MainTemplate).Replace('\\', '/');
        File.WriteAllText(parametersFile, $"""
            using '{template}'

            param environmentName = '{EnvironmentName}'
            param location = '{Location}'
            param publicBaseUrl = '{PublicBaseUrl}'
            param surveyMailFrom = '{SurveyMailFrom}'
            param twilioFromNumber = '{TwilioFromNumber}'
            """ + string.Concat(extraParameters.Select(parameter => $"\nparam {parameter.Key} = '{parameter.Value}'\n")));

        Result = Bicep.Run(_directory, "snapshot", parametersFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
        var snapshotFile = Path.Combine(_directory, "test.snapshot.json");
        if (Result.ExitCode != 0 || !File.Exists(snapshotFile))
        {
            throw new InvalidOperationException($"bicep snapshot failed: {Result}");
        }
        _snapshot = JsonDocument.Parse(File.ReadAllText(snapshotFile));
    }

    public BicepResult Result { get; }

    public JsonElement Root => _snapshot.RootElement;

    public IReadOnlyList<JsonElement> Resources(string type) =>
        Root.GetProperty("predictedResources").EnumerateArray()
            .Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
            .ToList();

    public JsonElement Single(string type)
    {
        var resources = Resources(type);
        Assert.True(resources.Count == 1, $"expected exactly one {type}, found {resources.Count}");
        return resources[0];
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _snapshot?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The sample environment deployed by an operator who may set the vault's secrets (azd's AZURE_PRINCIPAL_ID).</summary>
public sealed class OperatorDeploymentSnapshot() : DeploymentSnapshot(new Dictionary<string, string>
{
    ["operatorPrincipalId"] = OperatorPrincipalId,
})
{
    public const string OperatorPrincipalId = "00000000-0000-0000-0000-0000000000ad";
}
