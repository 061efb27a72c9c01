namespace Outcomes.Infrastructure.Tests;

/// <summary>azd passes the signed-in principal (AZURE_PRINCIPAL_ID): it may then set and rotate the vault's secrets.</summary>
public class OperatorAccessTests(OperatorDeploymentSnapshot snapshot) : IClassFixture<OperatorDeploymentSnapshot>
{
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void The_operator_principal_is_key_vault_secrets_officer_on_the_vault_and_nothing_more()
    {
        Assert.Empty(snapshot.Root.GetProperty("diagnostics").EnumerateArray());
        var vault = snapshot.Single("Microsoft.KeyVault/vaults").GetProperty("name").GetString();

        var operatorGrants = snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment.GetProperty("properties").GetProperty("principalId").GetString()
                == OperatorDeploymentSnapshot.OperatorPrincipalId)
            .ToList();

        var grant = Assert.Single(operatorGrants);
        Assert.True(IsOnVault(grant, vault!), grant.GetProperty("id").GetString());
        Assert.EndsWith($"/roleDefinitions/{KeyVaultSecretsOfficer}",
            grant.GetProperty("properties").GetProperty("roleDefinitionId").GetString());

        // The app's own grant on the vault is unchanged: read-only.
        var roles = snapshot.Resources("Microsoft.Authorization/roleAssignments")
            .Where(assignment => IsOnVault(assignment, vault!))
            .Select(assignment => assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1])
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { KeyVaultSecretsUser, KeyVaultSecretsOfficer }.Order(StringComparer.Ordinal), roles);
    }

    // A role assignment's id starts with the id of the vault it is scoped to: evaluated (".../vaults/kv-x/providers/...")
    // when the principal is known, an expression ("extensionResourceId('.../vaults/kv-x', ...)") when it is the app's identity.
    private static bool IsOnVault(System.Text.Json.JsonElement assignment, string vault)
    {
        var id = assignment.GetProperty("id").GetString()!;
        return id.Contains($"/providers/Microsoft.KeyVault/vaults/{vault}/") || id.Contains($"/providers/Microsoft.KeyVault/vaults/{vault}'");
    }
}
