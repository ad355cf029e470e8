// Every role assignment, least privilege: data-plane roles only (no Owner/Contributor), each on the narrowest scope
// that works. The app identity gets what the running app needs; the deploying user (dev, when principalId is set) gets
// twins so the app can run locally against these resources.
//
// Names are guid(scope.id, principal, roleId). For the app identity the principal part is the identity's resource id,
// not its principal id: the principal id is only known at run time, and a runtime value in a resource name makes
// what-if blind (linter rule what-if-short-circuiting). The resource id is as stable as the identity itself.

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Object id of the deploying user or group; empty for none (prod).')
param principalId string

@description('Type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string

@description('Storage account: host storage, task hub, deployment container and queues.')
param storageAccountName string

@description('Cosmos DB account of the case store.')
param cosmosAccountName string

@description('Case store database: the Cosmos data role is scoped to it.')
param cosmosDatabaseName string

@description('Key Vault holding the app\'s secrets.')
param keyVaultName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

// Built-in role definition ids.
var roles = {
  // Blobs: host storage (leases, keys) and the Flex deployment package. The host docs require Owner, not Contributor.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queues: Durable task hub control/work-item queues, department hand-off queues, decisions, poison queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Tables: Durable task hub history and instances tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read secret values: Key Vault references in app settings, and the per-account API keys to come.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Write secret values: the deploying user sets the signing secrets in dev.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Send telemetry with an Entra ID token (local auth is disabled on Application Insights).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Cosmos DB data-plane role (not Azure RBAC): Cosmos DB Built-in Data Contributor, read/write items, no account control.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var hasUser = !empty(principalId)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' existing = {
  name: cosmosAccountName
}

// Cosmos DB data-plane role assignments take a data-plane scope, {account id}/dbs/{database}; the ARM id of the
// database (.../sqlDatabases/{database}) is rejected with 400 BadRequest.
var cosmosDatabaseScope = '${cosmos.id}/dbs/${cosmosDatabaseName}'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// ---- The app's identity ----

// Host storage (AzureWebJobsStorage) and the deployment container need blob data ownership.
resource appBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Task hub queues and the department, decisions and poison queues (all in this account).
resource appQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Durable task hub tables (history, instances).
resource appTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// Key Vault references (keyVaultReferenceIdentity) resolve with this identity; read-only on secret values.
resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// Telemetry ingestion with Authorization=AAD; scoped to the one component.
resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Case records and idempotency claims: item read/write on the case store database only (not the whole account).
resource appCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmosDatabaseScope, identity.id, cosmosDataContributorRoleId)
  properties: {
    principalId: identity.properties.principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: cosmosDatabaseScope
  }
}

// ---- The deploying user (dev only): twins so a developer can run the app locally against Azure ----

// Run the host locally against Azure storage.
resource userBlob 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Read and put messages on department and decisions queues while testing.
resource userQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(storage.id, principalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Durable task hub tables when the host runs locally.
resource userTable 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(storage.id, principalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// Set the signing secrets (RBAC vaults give the creator no data-plane rights by default).
resource userSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(vault.id, principalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

// Send telemetry from a local run.
resource userTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasUser) {
  name: guid(applicationInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Read and write case records from a local run or a debugging session.
resource userCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = if (hasUser) {
  parent: cosmos
  name: guid(cosmosDatabaseScope, principalId, cosmosDataContributorRoleId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: cosmosDatabaseScope
  }
}
