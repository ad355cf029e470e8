// Cosmos DB for NoSQL: the case store (CaseStoreOptions). The database and containers are created here, so the app
// runs with CaseStore__CreateIfNotExists=false and its identity needs only data-plane rights on the database.
// Key-based auth is off: the app reaches it with its managed identity (CosmosDb__accountEndpoint + __credential).

@description('Cosmos DB account name.')
param accountName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Database name: CaseStoreOptions.DatabaseName.')
param databaseName string

@description('Case records container: CaseStoreOptions.CasesContainer.')
param casesContainerName string

@description('Idempotency-Key claims container: CaseStoreOptions.IdempotencyContainer.')
param idempotencyContainerName string

@description('serverless (dev: pay per request) or autoscale (prod: provisioned throughput shared by the database).')
@allowed([
  'serverless'
  'autoscale'
])
param capacityMode string

@description('Autoscale ceiling in RU/s for the database (autoscale only).')
@minValue(1000)
param autoscaleMaxThroughput int

@description('Spread the account across availability zones (prod).')
param zoneRedundant bool

@description('Point-in-time restore window: Continuous7Days (dev) or Continuous30Days (prod).')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string

@description('Log Analytics workspace for diagnostic settings.')
param logAnalyticsWorkspaceId string

@description('Private networking: public network access off; the app comes in through a private endpoint.')
param privateOnly bool

@description('CanNotDelete lock on the account (prod).')
param lockEnabled bool

@description('Microsoft Defender for Azure Cosmos DB on the account (prod).')
param defenderEnabled bool

var serverless = capacityMode == 'serverless'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: zoneRedundant
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAclBypass: 'None'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless
      ? {}
      : {
          autoscaleSettings: {
            maxThroughput: autoscaleMaxThroughput
          }
        }
  }
}

// Partitioned by /id (the case id): every read and write is a point operation on one case.
resource casesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: casesContainerName
  properties: {
    resource: {
      id: casesContainerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// Partitioned by /id ({service_id}:{key}): a claim is one point create.
resource idempotencyContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: idempotencyContainerName
  properties: {
    resource: {
      id: idempotencyContainerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// A deleted account takes every case record with it (point-in-time restore needs the account).
resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockEnabled) {
  name: 'do-not-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Case records: citizens\' applications, decisions and their history.'
  }
}

// Threat detection on the data plane (SQL injection patterns, anomalous access, unusual extraction).
resource defender 'Microsoft.Security/advancedThreatProtectionSettings@2019-01-01' = if (defenderEnabled) {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
  }
}

// Data-plane requests (who read or wrote which case's partition), query statistics, RU use, control-plane changes.
// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    // Resource-specific tables (CDBDataPlaneRequests, ...), which Microsoft recommends over AzureDiagnostics.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'DataPlaneRequests'
        enabled: true
      }
      {
        category: 'QueryRuntimeStatistics'
        enabled: true
      }
      {
        category: 'PartitionKeyRUConsumption'
        enabled: true
      }
      {
        category: 'ControlPlaneRequests'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

output id string = account.id
output endpoint string = account.properties.documentEndpoint
