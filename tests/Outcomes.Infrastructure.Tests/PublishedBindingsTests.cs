using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outcomes.Infrastructure.Tests;

/// <summary>
/// What the published functions' bindings ask of Azure, against what infra/ would deploy: every setting they name is
/// an app setting, every queue exists, and the app's identity holds the data roles they need.
/// </summary>
public sealed partial class PublishedBindingsTests(PublishedAppFixture app, DeploymentSnapshot snapshot)
    : IClassFixture<PublishedAppFixture>, IClassFixture<DeploymentSnapshot>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>
    /// The setting names a binding holds: a connection (the setting itself, or its identity-based <c>name__*</c>
    /// settings), a provider credential's setting, and every <c>%setting%</c> in any of its values.
    /// </summary>
    private static IEnumerable<(string Function, string Setting, bool Prefix)> NamedSettings(string function, JsonObject binding)
    {
        foreach (var (key, value) in binding)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text)) continue;
            if (key == "connection") yield return (function, text, true);
            else if (key is "apiKey" || key.EndsWith("Setting", StringComparison.Ordinal)) yield return (function, text, false);
            foreach (Match match in SettingReference().Matches(text))
                yield return (function, match.Groups["name"].Value, false);
        }
    }

    [Fact]
    public void Every_setting_a_binding_names_is_an_app_setting_of_the_function_app()
    {
        var settings = AppSettings();
        var named = app.Functions.SelectMany(f => f.Value.SelectMany(b => NamedSettings(f.Key, b!.AsObject()))).ToList();

        Assert.Contains(named, n => n.Setting == "ServiceBusConnection");
        Assert.Contains(named, n => n.Setting == "SurveySchedule");
        Assert.Contains(named, n => n.Setting == "SendGridApiKey");
        foreach (var (function, setting, prefix) in named)
            Assert.True(settings.ContainsKey(setting) || (prefix && settings.Keys.Any(k => k.StartsWith(setting + "__", StringComparison.Ordinal))),
                $"{function} names setting {setting}, which the function app does not define");
    }

    [Fact]
    public void Every_service_bus_connection_reaches_the_deployed_namespace_by_identity()
    {
        var settings = AppSettings();
        var ns = snapshot.Single("Microsoft.ServiceBus/namespaces").GetProperty("name").GetString();

        foreach (var connection in ServiceBusBindings().Select(b => b["connection"]!.GetValue<string>()).Distinct())
            Assert.Equal($"{ns}.servicebus.windows.net", settings[$"{connection}__fullyQualifiedNamespace"]);
    }

    [Fact]
    public void Every_queue_a_binding_names_is_created_by_the_infrastructure()
    {
        var ns = snapshot.Single("Microsoft.ServiceBus/namespaces").GetProperty("name").GetString();
        var queues = snapshot.Resources("Microsoft.ServiceBus/namespaces/queues").Select(q => q.GetProperty("name").GetString()).ToHashSet();
        var named = ServiceBusBindings().Select(b => b["queueName"]!.GetValue<string>()).Distinct().ToList();

        Assert.Equal(["survey-invitations", "survey-responses"], named.Order(StringComparer.Ordinal));
        foreach (var queue in named)
            Assert.Contains($"{ns}/{queue}", queues);
    }

    [Fact]
    public void The_app_identity_holds_the_data_roles_its_bindings_and_its_tables_need()
    {
        var grants = AppGrants();
        bool Holds(string scope, params string[] anyOf) => anyOf.Any(role => grants.Contains((role, scope)));

        var types = app.Bindings.Select(b => b["type"]!.GetValue<string>()).ToHashSet();
        if (types.Contains("serviceBusTrigger"))
            Assert.True(Holds("servicebus", ServiceBusDataReceiver, ServiceBusDataOwner), "a Service Bus trigger needs to receive");
        if (types.Contains("serviceBus"))
            Assert.True(Holds("servicebus", ServiceBusDataSender, ServiceBusDataOwner), "a Service Bus output needs to send");
        // The host keeps timer schedules, locks and keys in AzureWebJobsStorage's blobs; the handler's state is in its tables.
        Assert.Contains("timerTrigger", types);
        Assert.True(Holds("storage", StorageBlobDataOwner), "the host needs Storage Blob Data Owner");
        Assert.True(Holds("storage", StorageTableDataContributor), "the handler needs Storage Table Data Contributor");
    }

    [Fact]
    public void Every_credential_setting_a_binding_names_is_a_key_vault_reference_the_identity_may_read()
    {
        var settings = AppSettings();
        var credentials = app.Bindings.SelectMany(b => b.Where(p => p.Key is "apiKey" || p.Key.EndsWith("Setting", StringComparison.Ordinal)))
            .Select(p => p.Value!.GetValue<string>()).Distinct().ToList();   // invitations and red-flag alerts share SendGrid's key

        Assert.Equal(["SendGridApiKey", "TwilioAccountSid", "TwilioAuthToken"], credentials.Order(StringComparer.Ordinal));
        Assert.All(credentials, name => Assert.StartsWith("@Microsoft.KeyVault(", settings[name]));
        Assert.Contains((KeyVaultSecretsUser, "keyvault"), AppGrants());
    }

    private IEnumerable<JsonObject> ServiceBusBindings() =>
        app.Bindings.Where(b => b["type"]!.GetValue<string>() is "serviceBusTrigger" or "serviceBus");

    private Dictionary<string, string> AppSettings() =>
        snapshot.Single("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig")
            .GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    /// <summary>The app identity's role assignments as (role id, storage | servicebus | keyvault).</summary>
    private HashSet<(string Role, string Scope)> AppGrants()
    {
        var site = snapshot.Single("Microsoft.Web/sites").GetProperty("name").GetString();
        string Name(string type) => snapshot.Single(type).GetProperty("name").GetString()!;
        var scopes = new Dictionary<string, string>
        {
            [$"/providers/Microsoft.Storage/storageAccounts/{Name("Microsoft.Storage/storageAccounts")}'"] = "storage",
            [$"/providers/Microsoft.ServiceBus/namespaces/{Name("Microsoft.ServiceBus/namespaces")}'"] = "servicebus",
            [$"/providers/Microsoft.KeyVault/vaults/{Name("Microsoft.KeyVault/vaults")}'"] = "keyvault",
        };
        return snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Where(a => a.GetProperty("properties").GetProperty("principalId").GetString()!.Contains($"/providers/Microsoft.Web/sites/{site}'"))
            .Select(a => (
                a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1],
                scopes.FirstOrDefault(s => a.GetProperty("id").GetString()!.Contains(s.Key)).Value ?? "elsewhere"))
            .ToHashSet();
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingReference();
}
