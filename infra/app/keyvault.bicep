// Key Vault (RBAC authorisation, no access policies): the secrets the app reads as Key Vault references, and the
// per-account GOV.UK Pay and Notify API keys to come (pay-api-key-{account}, notify-api-key-{account}; see README).
// Secret values are never in templates or parameter files: operators set them, or pass them once as secure parameters.

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Purge protection (prod). Once on it cannot be turned off, so dev leaves it off to allow teardown.')
param enablePurgeProtection bool

@description('Days a deleted secret or vault can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Secret name of the identity sandbox signing key (Platforms__IdentitySandboxSigningKey).')
param identitySandboxSigningKeyName string

@description('Its value, written only when given: a redeploy without it keeps the value already in the vault.')
@secure()
param identitySandboxSigningKey string

@description('Log Analytics workspace for the audit log.')
param logAnalyticsWorkspaceId string

@description('default, or recover: bring back the soft-deleted vault of this name with its secrets (README: Redeploying).')
@allowed([
  'default'
  'recover'
])
param createMode string

@description('Private networking: public network access off; the app comes in through a private endpoint.')
param privateOnly bool

@description('CanNotDelete lock on the vault (prod).')
param lockEnabled bool

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    createMode: createMode
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateOnly ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Deleting the vault would break every Key Vault reference at once; purge protection alone still allows a soft delete.
resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockEnabled) {
  name: 'do-not-delete'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Signing secrets and platform API keys the Function App reads as Key Vault references.'
  }
}

resource identitySandboxSigningKeyValue 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(identitySandboxSigningKey)) {
  parent: vault
  name: identitySandboxSigningKeyName
  properties: {
    value: identitySandboxSigningKey
  }
}

// Who read which secret, when: the audit trail ops need for the signing keys and API keys.
// The newest diagnosticSettings API is this preview; the only GA version (2016-09-01) is a legacy shape.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
output vaultUri string = vault.properties.vaultUri
