// The Key Vault that holds the app's secrets: the admin key, the contact and survey-token keyrings,
// and the SendGrid and Twilio credentials. The template creates the vault, never a secret: operators
// set the values (infra/README.md), and the function app reads them through Key Vault references.
// Access is by Azure RBAC only (no access policies). Like storage and Service Bus, the vault keeps
// its public endpoint (the Flex Consumption app has no virtual network) and admits only Entra ID
// identities holding a data role on it.
param location string
param tags object

@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Days a deleted vault or secret can be recovered; purge protection keeps it that long.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

resource keyVault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
  }
}

output name string = keyVault.name
output uri string = keyVault.properties.vaultUri
