// Prod: zone-redundant, provisioned Cosmos DB, longer retention, on-call email, and no human data-plane access.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')

// No data-plane twins for people: prod data is reached only by the app's identity (break-glass is a PIM activation).
param principalId = ''

// Tags: who answers for these resources and who pays; required.
param environmentType = 'prod'
param owner = readEnvironmentVariable('SERVERLESS_OWNER')
param costCentre = readEnvironmentVariable('SERVERLESS_COST_CENTRE')
param dataClassification = 'OFFICIAL'

// 4 GB instances (extended sessions keep orchestration histories in memory) and room to scale out to 100. The plan is
// zone-redundant, which needs 2 always-ready instances per trigger group (HTTP and Durable): citizens never wait for a
// cold start, and a zone outage leaves an instance of each running.
param instanceMemoryMB = 4096
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 2
param functionsZoneRedundant = true

param storageSkuName = 'Standard_ZRS'

// Provisioned autoscale throughput (predictable latency, no serverless 5,000 RU/s per-partition burst ceiling),
// zone-redundant, 30-day point-in-time restore.
param cosmosCapacityMode = 'autoscale'
param cosmosAutoscaleMaxThroughput = 4000
param cosmosZoneRedundant = true
param cosmosBackupTier = 'Continuous30Days'

// A year of logs for incident review and audit.
param logRetentionInDays = 365

param keyVaultPurgeProtection = true
param keyVaultCreateMode = readEnvironmentVariable('AZURE_KEY_VAULT_CREATE_MODE', 'default')

// Private networking: the stores take traffic from their private endpoints only. Departments connect private endpoints
// from their own networks to the queue service (infra/README.md, Departments and private networking).
param vnetEnabled = true
param departmentNetworkAccess = 'privateEndpoint'

// Nobody deletes the case store, the task hub or the vault by accident; Defender watches the data planes.
param resourceLocksEnabled = true
param defenderEnabled = true

// On-call receivers are required: set SERVERLESS_ALERT_EMAILS (comma-separated) before deploying.
param alertEmailAddresses = split(readEnvironmentVariable('SERVERLESS_ALERT_EMAILS'), ',')
param functionFailureThreshold = 0

// The real GOV.UK One Login, Pay and Notify: main.bicep refuses a sandbox in production. Set every account's secrets
// first (infra/README.md, "Platform secrets"): the app refuses to start with one missing.
param platformsMode = 'live'
param production = true

// GOV.UK One Login's production identity issuer and its published keys (did.json); the audience is the service
// frontend's client id from One Login's admin tool: set SERVERLESS_ONE_LOGIN_CLIENT_ID before deploying.
param identityIssuer = 'https://identity.account.gov.uk/'
param identityKeysUrl = 'https://identity.account.gov.uk/.well-known/did.json'
param identityAudience = readEnvironmentVariable('SERVERLESS_ONE_LOGIN_CLIENT_ID')
