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
    publicNetworkAccess: 'Enabled'
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

// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: logAnalyticsWorkspaceId
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

output endpoint string = account.properties.documentEndpoint
