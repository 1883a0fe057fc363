// Parameters for infra/main.bicep. azd sets AZURE_ENV_NAME, AZURE_LOCATION and AZURE_PRINCIPAL_ID; the secrets come from
// the azd environment (azd env set ...), never from this file. See infra/README.md.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'outreach')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param resourceGroupName = readEnvironmentVariable('AZURE_RESOURCE_GROUP', '')

param functionRuntimeVersion = readEnvironmentVariable('OUTREACH_FUNCTION_RUNTIME_VERSION', '10.0')
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param storageSku = 'Standard_ZRS'
param logRetentionInDays = 90
param keyVaultPurgeProtection = true

param sendGridApiKey = readEnvironmentVariable('OUTREACH_SENDGRID_API_KEY', '')
param sendGridSandboxMode = bool(readEnvironmentVariable('OUTREACH_SENDGRID_SANDBOX_MODE', 'true'))
param unsubscribeSigningKey = readEnvironmentVariable('OUTREACH_UNSUBSCRIBE_SIGNING_KEY', '')
param privacyHashKey = readEnvironmentVariable('OUTREACH_PRIVACY_HASH_KEY', '')
param sendGridWebhookPublicKey = readEnvironmentVariable('OUTREACH_SENDGRID_WEBHOOK_PUBLIC_KEY', '')
param publicBaseUrl = readEnvironmentVariable('OUTREACH_PUBLIC_BASE_URL', '')

param staffApiClientId = readEnvironmentVariable('OUTREACH_STAFF_API_CLIENT_ID', '')
param staffApiTenantId = readEnvironmentVariable('OUTREACH_STAFF_API_TENANT_ID', '')

param graphClientSecret = readEnvironmentVariable('OUTREACH_GRAPH_CLIENT_SECRET', '')
param additionalAppSettings = {
  Outreach__Sources__Graph__Enabled: readEnvironmentVariable('OUTREACH_GRAPH_ENABLED', 'false')
  Outreach__Sources__Graph__TenantId: readEnvironmentVariable('OUTREACH_GRAPH_TENANT_ID', '')
  Outreach__Sources__Graph__ClientId: readEnvironmentVariable('OUTREACH_GRAPH_CLIENT_ID', '')
}

param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param operatorPrincipalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')
