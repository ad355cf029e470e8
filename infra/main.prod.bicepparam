// Prod: zone-redundant, provisioned Cosmos DB, longer retention, on-call email, and no human data-plane access.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')

// No data-plane twins for people: prod data is reached only by the app's identity (break-glass is a PIM activation).
param principalId = ''

// 4 GB instances (extended sessions keep orchestration histories in memory) and room to scale out to 100; one
// always-ready HTTP instance so citizens never wait for a cold start.
param instanceMemoryMB = 4096
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 1

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

// On-call receivers are required: set SERVERLESS_ALERT_EMAILS (comma-separated) before deploying.
param alertEmailAddresses = split(readEnvironmentVariable('SERVERLESS_ALERT_EMAILS'), ',')
param functionFailureThreshold = 0

// The real GOV.UK One Login, Pay and Notify: main.bicep refuses a sandbox in production. Set every account's secrets
// first (infra/README.md, "Platform secrets"): the app refuses to start with one missing.
param platformsMode = 'live'
param production = true
