// Private networking (vnetEnabled): a VNet with a subnet delegated to the Flex Consumption app (its outbound traffic
// enters the VNet there) and a subnet for private endpoints; one private endpoint per data store sub-resource, each
// registered in its privatelink DNS zone (zone group), and the zones linked to the VNet so the app resolves the
// stores' usual host names to private addresses.

@description('Virtual network name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Address space; the app subnet is its first /24, private endpoints its second.')
param addressPrefix string

@description('Name prefix of the private endpoints.')
param endpointNamePrefix string

@description('Storage account: blob, queue and table endpoints.')
param storageAccountName string

@description('Cosmos DB account: its SQL (NoSQL API) endpoint.')
param cosmosAccountName string

@description('Key Vault: its vault endpoint.')
param keyVaultName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// Every data store sub-resource the app reaches, with the privatelink zone its private address is published in.
var endpoints = [
  {
    name: 'blob'
    store: 'storage'
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    name: 'queue'
    store: 'storage'
    groupId: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    name: 'table'
    store: 'storage'
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    name: 'cosmos'
    store: 'cosmos'
    groupId: 'Sql'
    zone: 'privatelink.documents.azure.com'
  }
  {
    name: 'vault'
    store: 'vault'
    groupId: 'vault'
    zone: 'privatelink.vaultcore.azure.net'
  }
]

// Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
var appSubnetName = 'app'
var endpointSubnetName = 'private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: appSubnetName
  }

  resource endpointSubnet 'subnets' existing = {
    name: endpointSubnetName
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2025-05-01' = [
  for endpoint in endpoints: {
    name: '${endpointNamePrefix}${endpoint.name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: vnet::endpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            privateLinkServiceId: endpoint.store == 'storage' ? storage.id : endpoint.store == 'cosmos' ? cosmos.id : vault.id
            groupIds: [
              endpoint.groupId
            ]
          }
        }
      ]
    }
  }
]

// The endpoint's A record goes into its zone, and follows the endpoint if its address changes.
resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.groupId
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

output appSubnetId string = vnet::appSubnet.id
