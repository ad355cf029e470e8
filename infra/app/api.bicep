// The Function App on the Flex Consumption plan (FC1): .NET 10 isolated worker, deployed from a blob container with
// its managed identity, no publishing credentials, HTTPS and TLS 1.2 only. App settings are the config contract in
// main.bicep (tests/Serverless.Infra.Tests checks them against the code).

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources (the app also gets azd-service-name).')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Blob container URL the app package is deployed to and run from.')
param deploymentContainerUrl string

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Scale-out ceiling: caps cost and the load put on Cosmos DB and departments\' queues.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP trigger group (0 = scale to zero).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Spread the plan\'s instances across availability zones (prod).')
param zoneRedundant bool

@description('Subnet (delegated to Microsoft.App/environments) the app\'s outbound traffic enters the VNet through; empty = no VNet.')
param virtualNetworkSubnetId string

@description('App settings the code reads, plus host settings (see main.bicep).')
param appSettings object

@description('Public base URL of the API; empty = the app\'s default host name.')
param publicBaseUrl string

@description('Log Analytics workspace for the function logs.')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

// Zone redundancy needs at least 2 always-ready instances per trigger group (the platform adds them, billed, if the
// configuration has fewer): the template says so itself, so the bill matches the configuration.
var zoneMinimum = 2
var alwaysReady = zoneRedundant
  ? [
      {
        name: 'http'
        instanceCount: max(zoneMinimum, alwaysReadyHttpInstances)
      }
      {
        name: 'durable'
        instanceCount: zoneMinimum
      }
    ]
  : alwaysReadyHttpInstances > 0
      ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ]
      : []

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings resolve with the user-assigned identity, not a system identity.
    keyVaultReferenceIdentity: identityId
    // Private networking: outbound traffic to the stores goes through the VNet and their private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FTP or SCM basic-auth publishing: deployment is by azd/Entra ID to the blob container only.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// A child resource rather than siteConfig.appSettings so the public URL can use the app's own host name.
resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appSettings, {
    Journeys__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl
  })
}

// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
