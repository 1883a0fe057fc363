// Key Vault with Azure RBAC (no access policies) holding the app's secrets. App settings reference them with
// @Microsoft.KeyVault(...), resolved by the platform with the app's user-assigned identity (Key Vault Secrets User).

@description('Name of the Key Vault (3-24 letters, digits and hyphens, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Principal id of the function app\'s user-assigned identity.')
param appPrincipalId string

@description('Keep deleted vaults and secrets recoverable for 90 days and forbid purging (recommended for production).')
param enablePurgeProtection bool

@secure()
@description('SendGrid API key (Mail Send permission only).')
param sendGridApiKey string

@secure()
@description('Key that signs unsubscribe links; at least 32 characters. Changing it invalidates links already sent.')
param unsubscribeSigningKey string

@secure()
@description('Key of the keyed hash kept for erased addresses; at least 32 characters. Changing it forgets every erased address.')
param privacyHashKey string

@secure()
@description('Client secret of the Microsoft Graph app registration used for leader discovery; empty when Graph is not used.')
param graphClientSecret string

// Built-in role: Key Vault Secrets User.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key'
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'unsubscribe-signing-key'
  properties: {
    value: unsubscribeSigningKey
    contentType: 'HMAC key for unsubscribe links'
  }
}

resource privacyHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'privacy-hash-key'
  properties: {
    value: privacyHashKey
    contentType: 'HMAC key for erased addresses'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: 'graph-client-secret'
  properties: {
    value: graphClientSecret
    contentType: 'Microsoft Graph client secret'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output sendGridApiKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecret.name})'
output unsubscribeSigningKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${signingKeySecret.name})'
output privacyHashKeyReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${privacyHashKeySecret.name})'
// Used by main.bicep only when a Graph secret was given (and so stored).
output graphClientSecretReference string = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=graph-client-secret)'
