// What the function app's managed identity may do:
// - Storage Blob Data Owner: host storage (AzureWebJobsStorage) and the Flex deployment package.
// - Storage Table Data Contributor: the survey response and aggregate tables.
// - Storage Queue Data Contributor: host internals that use queues over AzureWebJobsStorage.
// - Azure Service Bus Data Owner: send and receive on the queues, and read queue metadata,
//   which the scale controller needs for accurate scaling (Receiver/Sender would not do).
// - Key Vault Secrets User on the app's vault: read the secrets its Key Vault references name
//   (the admin key, the contact and survey-token keyrings, SendGrid and Twilio credentials).
// And, when an operator principal is given: Key Vault Secrets Officer on that vault, so the
// operator can set and rotate those secrets (the vault uses RBAC, not access policies).
param principalId string
param storageAccountName string
param serviceBusNamespaceName string
param keyVaultName string

@description('Object id of the principal (user, group or service principal) that may set the vault\'s secrets; empty grants nobody.')
param operatorPrincipalId string = ''

var storageRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}
var serviceBusDataOwner = '090c5cfd-751d-490a-894a-3ce6f1109419'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storageAccount.id, principalId, role.value)
    scope: storageAccount
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

resource serviceBusRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBusNamespace.id, principalId, serviceBusDataOwner)
  scope: serviceBusNamespace
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwner)
  }
}

resource keyVaultSecretsUserAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalId, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

// principalType is left out: azd's signed-in principal may be a user or, in CI, a service principal.
resource keyVaultSecretsOfficerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(keyVault.id, operatorPrincipalId, keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    principalId: operatorPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}
