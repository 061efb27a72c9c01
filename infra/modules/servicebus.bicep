// Service Bus namespace (Standard) and the queues the Outcomes functions bind to:
// survey-invitations (SendFollowUpSurveys -> DeliverSurveyInvitation) and
// survey-responses (survey submit -> RecordSurveyResponse).
// Access is by Entra ID only (the app's managed identity); SAS keys are disabled.
param location string
param tags object
param namespaceName string
param queueNames string[]

@description('Deliveries before a message goes to the dead-letter queue (the Functions host cannot change this).')
param maxDeliveryCount int = 10

@description('Peek-lock duration of a delivery; the host renews the lock while an invocation runs.')
param lockDuration string = 'PT1M'

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: true
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queueName in queueNames: {
    parent: namespace
    name: queueName
    properties: {
      maxDeliveryCount: maxDeliveryCount
      lockDuration: lockDuration
      deadLetteringOnMessageExpiration: true
    }
  }
]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
