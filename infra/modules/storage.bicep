// The storage account: shared keys disabled (identity only), the app's queues (with their poison queues) and tables,
// and the blob container Flex Consumption deploys the package from. The function app's identity gets data-plane
// roles; the Functions host also needs blobs (timer locks, keys) and queues (triggers).

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Principal id of the function app\'s user-assigned identity.')
param appPrincipalId string

@description('Optional principal id of a person or pipeline that may read and write the data too (e.g. to inspect queues); empty for none.')
param operatorPrincipalId string

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string

// The app's queues and tables (Outreach.Core's queue and table names); the host writes <queue>-poison itself, creating
// them here keeps the account complete and lets alerts watch them from the start.
var queueNames = [
  'welcome-letters'
  'welcome-letters-poison'
  'follow-up-letters'
  'follow-up-letters-poison'
  'campaign-plans'
  'campaign-plans-poison'
  'campaign-batches'
  'campaign-batches-poison'
]
// Same names as src/Core/Storage/StorageNames.cs. The app creates any that are missing at start (StorageInitializer);
// declaring them here shows what the account holds.
var tableNames = [
  'leaders'
  'deliveries'
  'suppressions'
  'optouts'
  'cursors'
  'providerevents'
  'providereventcounts'
  'privacyaudit'
  'campaigns'
  'campaignbatches'
  'recipientlists'
]

// Built-in roles.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var dataRoles = [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for tableName in tableNames: {
  parent: tableService
  name: tableName
}]

resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in dataRoles: {
  name: guid(account.id, appPrincipalId, role)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource operatorRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in dataRoles: if (!empty(operatorPrincipalId)) {
  name: guid(account.id, operatorPrincipalId, role)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
