// The one user-assigned identity the Function App uses for every data-plane call: storage (host, task hub and
// department queues), Cosmos DB, Key Vault references and Application Insights ingestion. User-assigned (not
// system-assigned) so role assignments exist before the app does, and survive re-creating the app.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
