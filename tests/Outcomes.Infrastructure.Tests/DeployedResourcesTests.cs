using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outcomes.Infrastructure.Tests;

public class DeployedResourcesTests(DeploymentSnapshot snapshot) : IClassFixture<DeploymentSnapshot>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string AzureServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>The settings whose values are secrets: each must be a Key Vault reference, never a value.</summary>
    public static readonly string[] SecretSettings =
    [
        "Outcomes__AdminKey",
        "Outcomes__ContactKeys",
        "Outcomes__SurveyTokenKeys",
        "SendGridApiKey",
        "TwilioAccountSid",
        "TwilioAuthToken",
    ];

    [Fact]
    public void The_deployment_evaluates_without_diagnostics()
    {
        Assert.True(string.IsNullOrWhiteSpace(snapshot.Result.StandardError), snapshot.Result.ToString());
        Assert.Empty(snapshot.Root.GetProperty("diagnostics").EnumerateArray());
        var group = snapshot.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal($"rg-{DeploymentSnapshot.EnvironmentName}", group.GetProperty("name").GetString());
        Assert.Equal(DeploymentSnapshot.EnvironmentName, group.GetProperty("tags").GetProperty("azd-env-name").GetString());
    }

    [Fact]
    public void Both_survey_queues_dead_letter_after_ten_deliveries_with_a_one_minute_lock()
    {
        var serviceBus = snapshot.Single("Microsoft.ServiceBus/namespaces");
        Assert.Equal("Standard", serviceBus.GetProperty("sku").GetProperty("name").GetString());
        var namespaceName = serviceBus.GetProperty("name").GetString();

        var queues = snapshot.Resources("Microsoft.ServiceBus/namespaces/queues")
            .ToDictionary(queue => queue.GetProperty("name").GetString()!);

        Assert.Equal(
            new[] { $"{namespaceName}/survey-invitations", $"{namespaceName}/survey-responses" },
            queues.Keys.Order(StringComparer.Ordinal));
        foreach (var queue in queues.Values)
        {
            var properties = queue.GetProperty("properties");
            Assert.Equal(10, properties.GetProperty("maxDeliveryCount").GetInt32());
            Assert.Equal("PT1M", properties.GetProperty("lockDuration").GetString());
            Assert.True(properties.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        }
    }

    [Fact]
    public void The_function_app_runs_the_custom_handler_on_a_flex_consumption_plan()
    {
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());

        var app = snapshot.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", app.GetProperty("kind").GetString());
        Assert.Equal("SystemAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("functions", app.GetProperty("tags").GetProperty("azd-service-name").GetString());

        var properties = app.GetProperty("properties");
        Assert.EndsWith($"/Microsoft.Web/serverfarms/{plan.GetProperty("name").GetString()}",
            properties.GetProperty("serverFarmId").GetString());
        var runtime = properties.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("custom", runtime.GetProperty("name").GetString());
        Assert.Equal("1.0", runtime.GetProperty("version").GetString());
    }

    [Fact]
    public void The_function_app_deploys_from_the_package_container_with_its_own_identity()
    {
        var account = snapshot.Single("Microsoft.Storage/storageAccounts").GetProperty("name").GetString();
        var container = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices/containers").GetProperty("name").GetString()!;
        Assert.StartsWith($"{account}/default/", container);

        var storage = snapshot.Single("Microsoft.Web/sites").GetProperty("properties")
            .GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        // The blob endpoint is read from the account at deployment time: the URL is that endpoint plus the container.
        var url = storage.GetProperty("value").GetString()!;
        Assert.Contains($"/providers/Microsoft.Storage/storageAccounts/{account}'", url);
        Assert.Contains(".primaryEndpoints.blob, ", url);
        Assert.EndsWith($", '{container.Split('/')[^1]}')]", url);
        Assert.Equal("SystemAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
    }

    [Fact]
    public void The_function_app_settings_reach_storage_and_service_bus_by_identity_and_carry_the_survey_schedule()
    {
        var settings = AppSettings();
        var account = snapshot.Single("Microsoft.Storage/storageAccounts").GetProperty("name").GetString();
        var serviceBus = snapshot.Single("Microsoft.ServiceBus/namespaces").GetProperty("name").GetString();

        Assert.Equal(account, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal($"{serviceBus}.servicebus.windows.net", settings["ServiceBusConnection__fullyQualifiedNamespace"]);
        Assert.Equal("0 0 * * * *", settings["SurveySchedule"]);
        Assert.True(settings.ContainsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"));

        // Identity throughout: no connection strings with keys, and none of the settings Flex Consumption rejects.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("ServiceBusConnection", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.All(settings.Values, value => Assert.DoesNotContain("AccountKey=", value));
        Assert.All(settings.Values, value => Assert.DoesNotContain("SharedAccessKey=", value));
    }

    [Fact]
    public void Storage_and_service_bus_accept_only_identity_over_tls_1_2()
    {
        var storage = snapshot.Single("Microsoft.Storage/storageAccounts");
        Assert.Equal("StorageV2", storage.GetProperty("kind").GetString());
        var storageProperties = storage.GetProperty("properties");
        Assert.Equal("TLS1_2", storageProperties.GetProperty("minimumTlsVersion").GetString());
        Assert.False(storageProperties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.False(storageProperties.GetProperty("allowSharedKeyAccess").GetBoolean());

        var serviceBusProperties = snapshot.Single("Microsoft.ServiceBus/namespaces").GetProperty("properties");
        Assert.Equal("1.2", serviceBusProperties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(serviceBusProperties.GetProperty("disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void The_function_app_identity_holds_the_storage_service_bus_and_key_vault_data_roles_it_needs()
    {
        var app = snapshot.Single("Microsoft.Web/sites").GetProperty("name").GetString();
        var account = snapshot.Single("Microsoft.Storage/storageAccounts").GetProperty("name").GetString();
        var serviceBus = snapshot.Single("Microsoft.ServiceBus/namespaces").GetProperty("name").GetString();
        var vault = snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();

        var grants = snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Select(assignment =>
            {
                var properties = assignment.GetProperty("properties");
                Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
                // The principal is the app's system-assigned identity, known only at deployment time.
                var principal = properties.GetProperty("principalId").GetString()!;
                Assert.Contains($"/providers/Microsoft.Web/sites/{app}'", principal);
                Assert.Contains(".identity.principalId", principal);
                var role = properties.GetProperty("roleDefinitionId").GetString()!.Split('/')[^1];
                // An extension resource's id starts with the id of the resource it is scoped to.
                var id = assignment.GetProperty("id").GetString()!;
                var scope = id.Contains($"/providers/Microsoft.Storage/storageAccounts/{account}'") ? "storage"
                    : id.Contains($"/providers/Microsoft.ServiceBus/namespaces/{serviceBus}'") ? "servicebus"
                    : id.Contains($"/providers/Microsoft.KeyVault/vaults/{vault}'") ? "keyvault"
                    : id;
                return (role, scope);
            })
            .ToHashSet();

        Assert.Equal(
            new HashSet<(string, string)>
            {
                (StorageBlobDataOwner, "storage"),
                (StorageTableDataContributor, "storage"),
                (StorageQueueDataContributor, "storage"),
                (AzureServiceBusDataOwner, "servicebus"),
                (KeyVaultSecretsUser, "keyvault"),
            },
            grants);
    }

    [Fact]
    public void The_function_app_reports_to_a_workspace_based_application_insights()
    {
        var workspace = snapshot.Single("Microsoft.OperationalInsights/workspaces").GetProperty("name").GetString();
        var insights = snapshot.Single("Microsoft.Insights/components");
        Assert.EndsWith($"/Microsoft.OperationalInsights/workspaces/{workspace}",
            insights.GetProperty("properties").GetProperty("WorkspaceResourceId").GetString());

        var connectionString = AppSettings()["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        Assert.Contains($"/Microsoft.Insights/components/{insights.GetProperty("name").GetString()}'", connectionString);
        Assert.Contains("ConnectionString", connectionString);
    }

    [Fact]
    public void The_key_vault_authorizes_by_rbac_and_keeps_deleted_secrets_recoverable()
    {
        var vault = snapshot.Single("Microsoft.KeyVault/vaults");
        Assert.Equal(DeploymentSnapshot.Location, vault.GetProperty("location").GetString());
        Assert.Equal(DeploymentSnapshot.EnvironmentName, vault.GetProperty("tags").GetProperty("azd-env-name").GetString());
        // A vault name: 3-24 letters, digits and single hyphens, starting with a letter.
        Assert.Matches("^[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]$", vault.GetProperty("name").GetString());

        var properties = vault.GetProperty("properties");
        Assert.Equal(DeploymentSnapshot.TenantId, properties.GetProperty("tenantId").GetString());
        Assert.True(properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.False(properties.TryGetProperty("accessPolicies", out var policies) && policies.GetArrayLength() > 0,
            "access policies beside RBAC");
        Assert.True(properties.GetProperty("enableSoftDelete").GetBoolean());
        Assert.True(properties.GetProperty("enablePurgeProtection").GetBoolean());
        Assert.InRange(properties.GetProperty("softDeleteRetentionInDays").GetInt32(), 7, 90);
        // Reached like storage and Service Bus: over its public endpoint, by identity only.
        Assert.Equal("Enabled", properties.GetProperty("publicNetworkAccess").GetString());
    }

    [Fact]
    public void Each_secret_setting_is_a_key_vault_reference_to_a_secret_in_the_deployed_vault()
    {
        var settings = AppSettings();
        var vault = snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();
        var reference = new Regex(@"^@Microsoft\.KeyVault\(VaultName=(?<vault>[^;)]+);SecretName=(?<secret>[^;)]+)\)$");

        var secretNames = SecretSettings.Select(name =>
        {
            Assert.True(settings.TryGetValue(name, out var value), $"app setting {name} is missing");
            var match = reference.Match(value!);
            Assert.True(match.Success, $"app setting {name} is not a Key Vault reference: {value}");
            Assert.Equal(vault, match.Groups["vault"].Value);
            // Secret names: letters, digits and hyphens; no version, so a new version takes over (rotation).
            Assert.Matches("^[0-9a-zA-Z-]{1,127}$", match.Groups["secret"].Value);
            return match.Groups["secret"].Value;
        }).ToList();
        Assert.Equal(SecretSettings.Length, secretNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // The template creates no secret: the values are the operator's, set in the vault.
        Assert.Empty(snapshot.Resources("Microsoft.KeyVault/vaults/secrets"));
        // And no other setting is a Key Vault reference (the plain settings stay readable in the portal).
        Assert.All(settings.Where(setting => !SecretSettings.Contains(setting.Key)), setting =>
            Assert.DoesNotContain("@Microsoft.KeyVault", setting.Value));
    }

    [Fact]
    public void The_pipeline_plain_settings_come_from_the_template_parameters()
    {
        var settings = AppSettings();

        Assert.Equal(DeploymentSnapshot.PublicBaseUrl, settings["Outcomes__PublicBaseUrl"]);
        Assert.Equal(DeploymentSnapshot.SurveyMailFrom, settings["SurveyMailFrom"]);
        Assert.Equal(DeploymentSnapshot.TwilioFromNumber, settings["TwilioFromNumber"]);
    }

    [Fact]
    public void Without_an_operator_principal_nobody_else_gets_a_role_on_the_vault()
    {
        var vault = snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();
        var onVault = snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment.GetProperty("id").GetString()!.Contains($"/providers/Microsoft.KeyVault/vaults/{vault}'"))
            .ToList();

        var only = Assert.Single(onVault);
        Assert.EndsWith(KeyVaultSecretsUser, only.GetProperty("properties").GetProperty("roleDefinitionId").GetString());
    }

    private Dictionary<string, string> AppSettings() =>
        snapshot.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig")
            .GetProperty("appSettings").EnumerateArray()
            .ToDictionary(
                setting => setting.GetProperty("name").GetString()!,
                setting => setting.GetProperty("value").GetString()!);
}
