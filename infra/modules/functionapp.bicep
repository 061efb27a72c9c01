// The Outcomes function app: a custom handler (the Outcomes.Functions executable named in
// host.json) on a Flex Consumption (FC1) plan, Linux, with a system-assigned identity that
// reaches storage and Service Bus without secrets, and reads the secrets it does need (keys,
// SendGrid and Twilio credentials) from Key Vault through Key Vault references.
param location string
param tags object
param planName string
param appName string
param storageAccountName string
param deploymentContainerUrl string
param applicationInsightsName string
param serviceBusFullyQualifiedNamespace string
param surveySchedule string
param publicBaseUrl string
param surveyMailFrom string
param twilioFromNumber string
param keyVaultName string

@description('App setting name -> Key Vault secret name, for the settings whose values live in the vault.')
param vaultReferencedSettings object

param maximumInstanceCount int
param instanceMemoryMB int

// No version in the reference: the app resolves the secret's current version (rotation).
var keyVaultReferenceSettings = map(items(vaultReferencedSettings), setting => {
  name: setting.key
  value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${setting.value})'
})

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption takes the stack from functionAppConfig.runtime and rejects
      // FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION as app settings.
      appSettings: concat([
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'ServiceBusConnection__fullyQualifiedNamespace'
          value: serviceBusFullyQualifiedNamespace
        }
        {
          name: 'SurveySchedule'
          value: surveySchedule
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'Outcomes__PublicBaseUrl'
          value: publicBaseUrl
        }
        {
          name: 'SurveyMailFrom'
          value: surveyMailFrom
        }
        {
          name: 'TwilioFromNumber'
          value: twilioFromNumber
        }
      ], keyVaultReferenceSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

output name string = functionApp.name
output principalId string = functionApp.identity.principalId
output defaultUrl string = 'https://${functionApp.properties.defaultHostName}'
