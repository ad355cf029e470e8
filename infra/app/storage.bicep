// One storage account for the runtime: the Functions host and Durable Functions task hub (AzureWebJobsStorage: blobs,
// queues, tables), the Flex Consumption deployment package container, and the queues shared with departments
// (DepartmentQueues). Task hub queues are named after the hub (serverlessjourneys-*), so they never clash with the
// department queues. Only Entra ID (managed identity) access: shared keys are off.

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Redundancy: LRS in dev, ZRS in prod.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container the Flex Consumption app is deployed from.')
param deploymentContainerName string

@description('Blob container for claim-check applications and evidence files (DocumentOptions.Container in the code).')
param documentsContainerName string

@description('Queues to create; each also gets its poison twin ({name}-poison, QueueNames.PoisonOf in the code).')
param queueNames array

@description('Log Analytics workspace for the blob, queue and table service diagnostic settings.')
param logAnalyticsWorkspaceId string

@description('Private networking: public network access off; the app and departments come in through private endpoints.')
param privateOnly bool

@description('With privateOnly: department egress ranges (CIDR) let through the firewall instead of public access being off. Empty = off.')
param allowedIpRanges array

@description('CanNotDelete lock on the account (prod).')
param lockEnabled bool

@description('Microsoft Defender for Storage on the account (prod).')
param defenderEnabled bool

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    // Public: Flex Consumption without VNet integration reaches storage over public endpoints (Entra ID only).
    // Private: only private endpoints, or with allowedIpRanges the departments' listed egress ranges too.
    publicNetworkAccess: privateOnly && empty(allowedIpRanges) ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateOnly ? 'Deny' : 'Allow'
      bypass: privateOnly ? 'None' : 'AzureServices'
      ipRules: [
        for range in (privateOnly ? allowedIpRanges : []): {
          value: range
          action: 'Allow'
        }
      ]
    }
  }
}

// A deleted account takes the task hub, in-flight journeys and undelivered department messages with it.
resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockEnabled) {
  name: 'do-not-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Durable task hub and department queues: in-flight journeys and undelivered messages.'
  }
}

// Threat detection on blob, queue and table access (unusual access, data exfiltration). Malware scanning stays off:
// the account holds no uploaded files.
resource defender 'Microsoft.Security/defenderForStorageSettings@2025-06-01' = if (defenderEnabled) {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: {
        isEnabled: false
      }
    }
    sensitiveDataDiscovery: {
      isEnabled: false
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: documentsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: '${queueName}-poison'
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

var storageLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

var storageMetrics = [
  {
    category: 'Transaction'
    enabled: true
  }
]

// Blob reads, writes and deletes: host keys and leases, the deployment package, task hub large messages.
// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: storageMetrics
  }
}

// Queue reads, writes and deletes (hand-offs to departments, decisions, poison moves, task hub traffic) for ops.
// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: storageMetrics
  }
}

// Table reads, writes and deletes: the task hub's history and instances (who read a journey's history, when).
// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: storageMetrics
  }
}

output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
