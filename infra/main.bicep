// Serverless: the journey platform on Azure, in the azd template shape. Subscription scope: creates the resource group,
// then one module per part of the runtime under app/. Dev values are the defaults; main.prod.bicepparam overrides them.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: part of the resource token and the azd-env-name tag.')
param environmentName string

// UK OFFICIAL residency: UK regions only. Deploying elsewhere takes a deliberate, reviewed parameter (below), never a typo.
@minLength(1)
@description('Azure region: UK South or UK West (UK OFFICIAL data residency). azd passes AZURE_LOCATION.')
@allowed([
  'uksouth'
  'ukwest'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Deliberate exception to UK residency: a non-UK region every resource goes to instead of location. Empty (the default) keeps everything in location. Set it only with a recorded decision from the service owner and the SIRO.')
param residencyExceptionLocation string = ''

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID). It gets data-plane twins of the app\'s roles so the app can run locally against Azure. Empty: no human data-plane access (prod).')
param principalId string = ''

@description('Type of principalId: azd passes AZURE_PRINCIPAL_TYPE (ServicePrincipal when a CI identity runs azd).')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

// ---- Tags on every resource (UK OFFICIAL asset register, cost reporting) ----
@description('environment tag: which kind of environment this is.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentType string = 'dev'

@minLength(1)
@description('owner tag: the team or mailbox accountable for these resources. azd: SERVERLESS_OWNER.')
param owner string

@minLength(1)
@description('cost-centre tag: the cost centre the resources are charged to. azd: SERVERLESS_COST_CENTRE.')
param costCentre string

@description('data-classification tag: Government Security Classification of the data held.')
@allowed([
  'OFFICIAL'
  'OFFICIAL-SENSITIVE'
])
param dataClassification string = 'OFFICIAL'

// ---- Names: generated from the resource token unless given ----
param resourceGroupName string = ''
param identityName string = ''
param storageAccountName string = ''
param cosmosAccountName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''
param keyVaultName string = ''
param appServicePlanName string = ''
param functionAppName string = ''
param virtualNetworkName string = ''

// ---- What dev and prod differ in ----
@description('Flex Consumption memory per instance (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption scale-out ceiling.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 20

@description('Always-ready instances for HTTP triggers (0 = scale to zero). With zone redundancy the platform keeps at least 2.')
@minValue(0)
@maxValue(10)
param alwaysReadyHttpInstances int = 0

@description('Flex Consumption plan across availability zones (prod). Needs at least 2 always-ready instances per trigger group; the template raises lower values to 2.')
param functionsZoneRedundant bool = false

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Cosmos DB capacity: serverless (pay per request) or autoscale (provisioned, shared by the database).')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@description('Cosmos DB autoscale ceiling (RU/s), autoscale only.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB across availability zones.')
param cosmosZoneRedundant bool = false

@description('Cosmos DB point-in-time restore window.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Days Log Analytics (and so Application Insights) keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Key Vault purge protection; irreversible, so prod only.')
param keyVaultPurgeProtection bool = false

@description('recover: bring back the soft-deleted vault of the same name (after azd down without --purge), with its secrets. default: create or update. See infra/README.md, Redeploying.')
@allowed([
  'default'
  'recover'
])
param keyVaultCreateMode string = 'default'

@description('CanNotDelete locks on the Cosmos DB account, the storage account and the Key Vault (prod). Creating locks needs Owner or User Access Administrator.')
param resourceLocksEnabled bool = false

@description('Microsoft Defender for Storage and for Azure Cosmos DB on this environment\'s accounts (prod).')
param defenderEnabled bool = false

// ---- Network isolation ----
@description('Private networking: a VNet with the Function App integrated into a delegated subnet, private endpoints and private DNS zones for Storage (blob, queue, table), Cosmos DB and Key Vault, and public network access off on each.')
param vnetEnabled bool = false

@description('VNet address space (vnetEnabled): the app subnet is its first /24, private endpoints its second.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('How department systems reach their queues when vnetEnabled: privateEndpoint (they connect a private endpoint from their network to the storage account\'s queue service; public access stays off) or allowedIpRanges (the storage account accepts their listed egress ranges only).')
@allowed([
  'privateEndpoint'
  'allowedIpRanges'
])
param departmentNetworkAccess string = 'privateEndpoint'

@description('Department egress IP ranges (CIDR) the storage account accepts when departmentNetworkAccess is allowedIpRanges.')
param departmentAllowedIpRanges array = []

@description('Email addresses that receive alerts; empty = alerts only show in the portal.')
param alertEmailAddresses array = []

@description('Failed Function invocations per function in 15 minutes above which the failures alert fires.')
@minValue(0)
param functionFailureThreshold int = 5

// ---- App behaviour ----
@description('Platforms__Mode, chosen explicitly: live (GOV.UK Pay, Notify, One Login) or sandbox (this app\'s own sandboxes).')
@allowed([
  'live'
  'sandbox'
])
param platformsMode string

@description('A production environment: only live platforms are allowed (a sandbox would let anyone mark a payment paid).')
param production bool = false

@description('Journeys__PublicBaseUrl: public address of the API (a custom domain); empty = https://{function app default host name}.')
param publicBaseUrl string = ''

@description('Platforms__Identity__Issuer: GOV.UK One Login\'s identity issuer. Required in live mode; ignored in sandbox mode (the identity sandbox).')
param identityIssuer string = ''

@description('Platforms__Identity__Audience: the service frontend\'s One Login client id. Required in live mode; ignored in sandbox mode.')
param identityAudience string = ''

@description('Platforms__Identity__KeysUrl: the issuer\'s published keys (its did.json). Required in live mode; ignored in sandbox mode.')
param identityKeysUrl string = ''

@description('Platforms__Identity__KeysCacheFor: how long fetched One Login keys are trusted (a TimeSpan).')
param identityKeysCacheFor string = '01:00:00'

@description('Optional: identity sandbox signing key to store in Key Vault. Empty keeps the vault\'s current value.')
@secure()
param identitySandboxSigningKey string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var region = empty(residencyExceptionLocation) ? location : residencyExceptionLocation
var tags = {
  'azd-env-name': environmentName
  environment: environmentType
  service: 'serverless'
  owner: owner
  'cost-centre': costCentre
  'data-classification': dataClassification
}

var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  identity: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  storage: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
  cosmos: !empty(cosmosAccountName) ? cosmosAccountName : '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: !empty(applicationInsightsName)
    ? applicationInsightsName
    : '${abbrs.insightsComponents}${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
  plan: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}api-${resourceToken}'
  functionApp: !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
  virtualNetwork: !empty(virtualNetworkName) ? virtualNetworkName : '${abbrs.networkVirtualNetworks}${resourceToken}'
  actionGroup: '${abbrs.insightsActionGroups}${resourceToken}'
  alertPrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}-'
  deploymentContainer: 'app-package-${resourceToken}'
}

// The code's defaults (CaseStoreOptions); a test checks these against new CaseStoreOptions().
// DocumentOptions.Container: claim-check applications and evidence files, on the department queues' account.
var documentsContainerName = 'case-documents'

var caseStore = {
  databaseName: 'serverless'
  casesContainer: 'cases'
  idempotencyContainer: 'idempotency'
}

// Platform queues (QueueNames.Decisions) and the department queues named in the service definitions
// (app/department-queues.json; a test checks it against Definitions/services/*/v*.json). Each gets a -poison twin.
var queueNames = concat(['decisions'], loadJsonContent('app/department-queues.json'))

// Key Vault secret names for settings: {Section}--{Property}, the .NET Key Vault configuration provider's convention
// for {Section}:{Property}. Per-account API keys are pay-api-key-{account} and notify-api-key-{account} (README).
var secretNames = {
  identitySandboxSigningKey: 'Platforms--IdentitySandboxSigningKey'
  notifyCallbackBearerToken: 'Platforms--Notify--CallbackBearerToken'
}

var live = platformsMode == 'live'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: region
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: region
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: region
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: region
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: names.deploymentContainer
    documentsContainerName: documentsContainerName
    queueNames: queueNames
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    privateOnly: vnetEnabled
    allowedIpRanges: departmentNetworkAccess == 'allowedIpRanges' ? departmentAllowedIpRanges : []
    lockEnabled: resourceLocksEnabled
    defenderEnabled: defenderEnabled
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: names.cosmos
    location: region
    tags: tags
    databaseName: caseStore.databaseName
    casesContainerName: caseStore.casesContainer
    idempotencyContainerName: caseStore.idempotencyContainer
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    zoneRedundant: cosmosZoneRedundant
    backupTier: cosmosBackupTier
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    privateOnly: vnetEnabled
    lockEnabled: resourceLocksEnabled
    defenderEnabled: defenderEnabled
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: region
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultPurgeProtection ? 90 : 7
    identitySandboxSigningKeyName: secretNames.identitySandboxSigningKey
    identitySandboxSigningKey: identitySandboxSigningKey
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    createMode: keyVaultCreateMode
    privateOnly: vnetEnabled
    lockEnabled: resourceLocksEnabled
  }
}

module network 'app/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    name: names.virtualNetwork
    location: region
    tags: tags
    addressPrefix: vnetAddressPrefix
    endpointNamePrefix: '${abbrs.networkPrivateEndpoints}${resourceToken}-'
    // Names, not module outputs, as for rbac below.
    storageAccountName: names.storage
    cosmosAccountName: names.cosmos
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    cosmos
    keyVault
  ]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    // Names, not module outputs: deploy-time constants keep what-if precise (what-if-short-circuiting).
    identityName: names.identity
    principalId: principalId
    principalType: principalType
    storageAccountName: names.storage
    cosmosAccountName: names.cosmos
    cosmosDatabaseName: caseStore.databaseName
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    identity
    storage
    cosmos
    keyVault
    monitoring
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: region
    tags: tags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    zoneRedundant: functionsZoneRedundant
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    publicBaseUrl: publicBaseUrl
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    // The config contract: every setting the code reads, and the few the Functions host reads itself. Connections
    // are identity-based ({Name}__{serviceUri}, __credential, __clientId); secrets are Key Vault references.
    // Journeys__PublicBaseUrl is added in app/api.bicep (it needs the app's host name).
    appSettings: {
      // Host: Functions runtime and Durable task hub storage (also ConnectionNames.TaskHubStorage).
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      // Host and worker telemetry, ingested with an Entra ID token (local auth is off on the component).
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      // ConnectionNames.DepartmentQueues: same account as the task hub.
      DepartmentQueues__queueServiceUri: storage.outputs.queueEndpoint
      // Documents (claim-check applications, evidence files) sit beside the department queues; the identity's Storage
      // Blob Data Owner role on the account covers writing them and asking for user delegation keys to sign read links.
      DepartmentQueues__blobServiceUri: storage.outputs.blobEndpoint
      DepartmentQueues__credential: 'managedidentity'
      DepartmentQueues__clientId: identity.outputs.clientId
      // ConnectionNames.CosmosDb.
      CosmosDb__accountEndpoint: cosmos.outputs.endpoint
      CosmosDb__credential: 'managedidentity'
      CosmosDb__clientId: identity.outputs.clientId
      // CaseStoreOptions: Bicep creates the database and containers, so the app never does.
      CaseStore__DatabaseName: caseStore.databaseName
      CaseStore__CasesContainer: caseStore.casesContainer
      CaseStore__IdempotencyContainer: caseStore.idempotencyContainer
      CaseStore__CreateIfNotExists: 'false'
      CaseStore__IdempotencyClaimLifetime: '7.00:00:00'
      // RetentionOptions: a case unfinished after two years is redacted and ops are alerted.
      Retention__MaxCaseAge: '730.00:00:00'
      // JourneyOptions (PublicBaseUrl: see above).
      Journeys__OrphanAge: '00:02:00'
      // PlatformOptions: signing secrets from Key Vault through the user-assigned identity (keyVaultReferenceIdentity).
      Platforms__Mode: production && platformsMode != 'live'
        ? fail('Platforms__Mode must be live in production: the sandboxes let anyone mint identities and mark payments paid.')
        : platformsMode
      // Empty: GOV.UK Pay in live mode, this app's Pay sandbox in sandbox mode.
      Platforms__PayBaseUrl: ''
      // Sandbox mode only: live mode ignores it, so prod's vault needs no such secret.
      Platforms__IdentitySandboxSigningKey: live
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${secretNames.identitySandboxSigningKey})'
      // NotifyOptions: an empty BaseUrl is GOV.UK Notify in live mode and this app's Notify sandbox in sandbox mode. The
      // callback token is the one set in Notify's admin (the Notify sandbox sends it too), so both modes need it.
      Platforms__Notify__BaseUrl: ''
      Platforms__Notify__CallbackBearerToken: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/${secretNames.notifyCallbackBearerToken})'
      // OneLoginOptions: GOV.UK One Login in live mode, where the app refuses to start without them; empty in sandbox
      // mode whatever the parameters say, since any value there would replace the identity sandbox's.
      Platforms__Identity__Issuer: !live ? '' : empty(identityIssuer)
        ? fail('identityIssuer is required in live mode: GOV.UK One Login\'s identity issuer.')
        : identityIssuer
      Platforms__Identity__Audience: !live ? '' : empty(identityAudience)
        ? fail('identityAudience is required in live mode: the service frontend\'s One Login client id.')
        : identityAudience
      Platforms__Identity__KeysUrl: !live ? '' : empty(identityKeysUrl)
        ? fail('identityKeysUrl is required in live mode: GOV.UK One Login\'s did.json.')
        : identityKeysUrl
      Platforms__Identity__KeysCacheFor: identityKeysCacheFor
      // DocumentOptions: storage.bicep creates the container.
      Documents__Container: documentsContainerName
      Documents__ReadLinkLifetime: '7.00:00:00'
      Documents__UnattachedEvidenceLifetime: '1.00:00:00'
      // PlatformAccountsOptions: one Pay account and one Notify service per department, named by the definitions'
      // accounts.pay / accounts.notify ('-' becomes '_' in setting names). A test checks this list against them.
      Platforms__Pay__Accounts__environment_agency__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/pay-api-key-environment-agency)'
      Platforms__Pay__Accounts__environment_agency__WebhookSigningSecret: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/pay-webhook-secret-environment-agency)'
      Platforms__Notify__Accounts__environment_agency__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/notify-api-key-environment-agency)'
      Platforms__Notify__Accounts__local_council_blue_badge__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/notify-api-key-local-council-blue-badge)'
    }
  }
  // Key Vault references and the deployment container need the identity's roles before the app starts. (With
  // vnetEnabled it also waits for the network module, whose subnet it uses, so the private endpoints exist first.)
  dependsOn: [
    rbac
  ]
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: region
    tags: tags
    displayName: 'Serverless journeys (${environmentName})'
    applicationInsightsId: monitoring.outputs.applicationInsightsId
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: region
    tags: tags
    actionGroupName: names.actionGroup
    namePrefix: names.alertPrefix
    alertEmailAddresses: alertEmailAddresses
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    functionFailureThreshold: functionFailureThreshold
  }
}

// azd reads these (UPPER_SNAKE) into the environment. No keys or connection strings.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostName}'
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.vaultUri
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_WORKBOOK_ID string = workbook.outputs.id
