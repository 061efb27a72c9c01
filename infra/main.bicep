// Outcomes: the Azure resources for the follow-up survey backend (azd conventions).
// One resource group per azd environment; the resources themselves live in modules/.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (Flex Consumption must be offered there).')
param location string

@description('NCRONTAB schedule (UTC) of SendFollowUpSurveys; the timer binding reads it as %SurveySchedule%.')
param surveySchedule string = '0 0 * * * *'

@description('Upper bound of Flex Consumption instances for the function app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minLength(9)
@description('Address patients reach the app at, e.g. https://outcomes.example.org (no path): survey links are built on it and Twilio webhook signatures are checked against it. App setting Outcomes__PublicBaseUrl.')
param publicBaseUrl string

@minLength(3)
@maxLength(254)
@description('Sender address of the survey e-mails (a sender verified in SendGrid). App setting SurveyMailFrom, %SurveyMailFrom% in the sendGrid binding.')
param surveyMailFrom string

@minLength(2)
@maxLength(16)
@description('Twilio number the survey SMS are sent from, E.164 (e.g. +15550100). App setting TwilioFromNumber, %TwilioFromNumber% in the twilioSms binding.')
param twilioFromNumber string

@description('Object id of the principal that may set and rotate the Key Vault secrets (azd fills in the signed-in one); empty grants nobody.')
param operatorPrincipalId string = ''

var tags = {
  'azd-env-name': environmentName
  app: 'outcomes'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

// The app settings whose values are secrets, and the Key Vault secret each one references.
// The values are never in this template: operators set them in the vault (see README.md).
var vaultReferencedSettings = {
  Outcomes__AdminKey: 'outcomes-admin-key'
  Outcomes__ContactKeys: 'outcomes-contact-keys'
  Outcomes__SurveyTokenKeys: 'outcomes-survey-token-keys'
  SendGridApiKey: 'sendgrid-api-key'
  TwilioAccountSid: 'twilio-account-sid'
  TwilioAuthToken: 'twilio-auth-token'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    storageAccountName: 'st${resourceToken}'
    deploymentContainerName: 'app-package'
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    location: location
    tags: tags
    namespaceName: 'sb-${resourceToken}'
    queueNames: [
      'survey-invitations'
      'survey-responses'
    ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    keyVaultName: 'kv-${resourceToken}'
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: 'plan-${resourceToken}'
    appName: 'func-outcomes-${resourceToken}'
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    surveySchedule: surveySchedule
    publicBaseUrl: publicBaseUrl
    surveyMailFrom: surveyMailFrom
    twilioFromNumber: twilioFromNumber
    keyVaultName: keyVault.outputs.name
    vaultReferencedSettings: vaultReferencedSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    operatorPrincipalId: operatorPrincipalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.defaultUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
