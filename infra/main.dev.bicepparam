// Dev: cheap, scales to zero, easy to tear down. The deploying user gets data-plane twins of the app's roles.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'serverless-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Tags: who answers for these resources and who pays; required, so set them first (infra/README.md).
param environmentType = 'dev'
param owner = readEnvironmentVariable('SERVERLESS_OWNER')
param costCentre = readEnvironmentVariable('SERVERLESS_COST_CENTRE')
param dataClassification = 'OFFICIAL'

// 2 GB instances, at most 20: enough for journeys end to end, and a cap on a runaway loop's bill.
param instanceMemoryMB = 2048
param maximumInstanceCount = 20
param alwaysReadyHttpInstances = 0
param functionsZoneRedundant = false

param storageSkuName = 'Standard_LRS'

// Serverless Cosmos DB: pay per request, nothing when idle; 7-day point-in-time restore.
param cosmosCapacityMode = 'serverless'
param cosmosZoneRedundant = false
param cosmosBackupTier = 'Continuous7Days'

param logRetentionInDays = 30

// Purge protection is irreversible and would block deleting and recreating a dev vault of the same name.
param keyVaultPurgeProtection = false
param keyVaultCreateMode = readEnvironmentVariable('AZURE_KEY_VAULT_CREATE_MODE', 'default')

// Public endpoints (Entra ID only) so developers can reach the stores; no locks, no Defender charges.
param vnetEnabled = false
param resourceLocksEnabled = false
param defenderEnabled = false

// No email: dev alerts show in the portal only.
param alertEmailAddresses = []
param functionFailureThreshold = 5

// The app's own sandboxes of One Login, Pay and Notify, for smoke tests in Azure.
param platformsMode = 'sandbox'
