// Outreach on Azure: a Flex Consumption function app running the .NET isolated worker, with identity-only access to
// storage, Key Vault and Application Insights. Deployed by `azd up` (azure.yaml at the repository root) or by
// `az deployment sub create --location <region> --template-file infra/main.bicep --parameters infra/main.bicepparam`.
// Every parameter is explained in infra/README.md.

targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the environment (azd: AZURE_ENV_NAME), e.g. outreach-prod; seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; it must offer Flex Consumption.')
param location string

@description('Resource group to create or reuse; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('.NET version of the dotnet-isolated stack on Flex Consumption: 10.0 (what we build for); 9.0 or 8.0 only with a self-contained package (infra/README.md).')
@allowed(['10.0', '9.0', '8.0'])
param functionRuntimeVersion string = '10.0'

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('Forbid purging the Key Vault (recommended; a purge-protected vault name stays taken for 90 days after deletion).')
param keyVaultPurgeProtection bool = true

@secure()
@minLength(1)
@description('SendGrid API key with the Mail Send permission.')
param sendGridApiKey string

@description('true: SendGrid validates mail but delivers nothing (first deployments, staging); false: real mail.')
param sendGridSandboxMode bool = true

@secure()
@minLength(32)
@description('Secret that signs unsubscribe links, at least 32 characters (e.g. openssl rand -base64 48). Keep it stable.')
param unsubscribeSigningKey string

@secure()
@minLength(32)
@description('Key of the keyed hash that keeps an erased address from being mailed again, at least 32 characters. Keep it stable: changing it forgets every erased address.')
param privacyHashKey string

@description('SendGrid Event Webhook verification key (base64 DER, as SendGrid shows it; public, not a secret); empty: the webhook refuses every call.')
param sendGridWebhookPublicKey string = ''

@description('Public address used in unsubscribe links, e.g. https://outreach.example.org; empty: the app\'s default host name.')
param publicBaseUrl string = ''

@description('Client id of the Microsoft Entra app registration for the staff API (App Service authentication); empty: authentication off, staff API unusable.')
param staffApiClientId string = ''

@description('Tenant of the staff API app registration; empty: this subscription\'s tenant.')
param staffApiTenantId string = ''

@secure()
@description('Client secret of the Microsoft Graph app registration for leader discovery; empty when Graph is not used.')
param graphClientSecret string = ''

@description('More app settings for the app, e.g. Outreach__Sources__Graph__Enabled, Outreach__Sources__Graph__TenantId, Outreach__Sources__Graph__ClientId.')
param additionalAppSettings object = {}

@description('Optional principal id (a person or pipeline) granted data access to the storage account; azd passes the signed-in user.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'outreach'
}
var appName = 'func-outreach-${token}'
// The deployment container is per app; Flex Consumption reads the package from it with the app's identity.
var deploymentContainerName = 'app-package-${take(token, 8)}'

resource outreachGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: outreachGroup
  params: {
    name: 'id-outreach-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: outreachGroup
  params: {
    logAnalyticsName: 'log-outreach-${token}'
    applicationInsightsName: 'appi-outreach-${token}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: outreachGroup
  params: {
    name: take('stoutreach${token}', 24)
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: outreachGroup
  params: {
    name: take('kv-outreach-${token}', 24)
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    enablePurgeProtection: keyVaultPurgeProtection
    sendGridApiKey: sendGridApiKey
    unsubscribeSigningKey: unsubscribeSigningKey
    privacyHashKey: privacyHashKey
    graphClientSecret: graphClientSecret
  }
}

// The app's own settings (configuration keys with ':' written as '__'); secrets are Key Vault references.
var outreachSettings = union(
  {
    Outreach__Mail__Mode: 'SendGrid'
    Outreach__SendGrid__ApiKey: vault.outputs.sendGridApiKeyReference
    Outreach__SendGrid__SandboxMode: string(sendGridSandboxMode)
    Outreach__Unsubscribe__SigningKey: vault.outputs.unsubscribeSigningKeyReference
    Outreach__Privacy__HashKey: vault.outputs.privacyHashKeyReference
    Outreach__SendGrid__WebhookPublicKey: sendGridWebhookPublicKey
    // Staff are the App Service authentication principal here; no API key exists in Azure.
    Outreach__Staff__TrustAppServiceAuthentication: 'true'
    Outreach__DistrictsFile: 'config/districts.json'
    Outreach__Templates__Path: 'templates'
  },
  empty(graphClientSecret) ? {} : { Outreach__Sources__Graph__ClientSecret: vault.outputs.graphClientSecretReference },
  additionalAppSettings)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: outreachGroup
  params: {
    planName: 'plan-outreach-${token}'
    appName: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    runtimeVersion: functionRuntimeVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: outreachSettings
    publicBaseUrl: publicBaseUrl
    staffApiClientId: staffApiClientId
    staffApiTenantId: empty(staffApiTenantId) ? tenant().tenantId : staffApiTenantId
  }
}

// azd reads these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = outreachGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URI string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
