// Dev: cheap, scales to zero, easy to tear down. The deploying user gets data-plane twins of the app's roles.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

// 2 GB instances, at most 20: enough for journeys end to end, and a cap on a runaway loop's bill.
param instanceMemoryMB = 2048
param maximumInstanceCount = 20
param alwaysReadyHttpInstances = 0

param storageSkuName = 'Standard_LRS'

// Serverless Cosmos DB: pay per request, nothing when idle; 7-day point-in-time restore.
param cosmosCapacityMode = 'serverless'
param cosmosZoneRedundant = false
param cosmosBackupTier = 'Continuous7Days'

param logRetentionInDays = 30

// Purge protection is irreversible and would block deleting and recreating a dev vault of the same name.
param keyVaultPurgeProtection = false

// No email: dev alerts show in the portal only.
param alertEmailAddresses = []
param functionFailureThreshold = 5

// The app's own sandboxes of One Login, Pay and Notify, for smoke tests in Azure.
param platformsMode = 'sandbox'
