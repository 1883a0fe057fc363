// The Flex Consumption plan (FC1) and the function app running the Outreach .NET isolated worker. The app runs as the
// user-assigned identity: storage (AzureWebJobsStorage__*), the deployment package, Key Vault references and
// Application Insights all authenticate with it. App Service authentication guards the staff API; the public
// endpoints (/api/public/...) are excluded because they carry their own signed tokens.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (globally unique host name).')
param appName string

@description('Azure region.')
param location string

@description('Tags for every resource; the app also gets azd-service-name.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account for AzureWebJobsStorage and the app\'s tables and queues.')
param storageAccountName string

@description('Blob URL of the container Flex Consumption deploys the package from.')
param deploymentContainerUrl string

@description('Application Insights connection string (no key is used: local authentication is off).')
param applicationInsightsConnectionString string

@description('.NET version of the dotnet-isolated stack; see infra/README.md.')
param runtimeVersion string

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('App settings of the application itself (Outreach__...), merged over the platform settings.')
param appSettings object

@description('Public address of the app used in unsubscribe links (e.g. a custom domain); empty uses https://<default host name>.')
param publicBaseUrl string

@description('Client id of the Microsoft Entra app registration that protects the staff API; empty leaves App Service authentication off (then no staff request is authenticated).')
param staffApiClientId string

@description('Tenant of the staff API\'s app registration.')
param staffApiTenantId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (the default would be a system-assigned one, which the app has not).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // The .NET isolated worker: the host reads functions.metadata and worker.config.json from the package and starts
      // `dotnet Outreach.Functions.dll`. On Flex the stack is set here; FUNCTIONS_WORKER_RUNTIME is not an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

var storageSuffix = environment().suffixes.storage
var platformSettings = {
  // Identity-based host storage, read by the Functions host and by Outreach's own storage clients.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: 'https://${storageAccountName}.blob.${storageSuffix}'
  AzureWebJobsStorage__queueServiceUri: 'https://${storageAccountName}.queue.${storageSuffix}'
  AzureWebJobsStorage__tableServiceUri: 'https://${storageAccountName}.table.${storageSuffix}'
  // Entra-only telemetry ingestion with the user-assigned identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Links in letters point here; the app validates it at start.
  Outreach__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(platformSettings, appSettings)
}

// Deployments go through Microsoft Entra (azd, az, pipelines), never through publishing user names and passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

// App Service authentication (Easy Auth) in front of the app. Staff callers present a Microsoft Entra token for
// the staff API's app registration (and a function key: the staff functions are authLevel function); the platform
// validates it and passes X-MS-CLIENT-PRINCIPAL, from which the worker's staff middleware reads the staff member and
// their app roles (Staff, Admin).
// /api/public/... stays anonymous here: unsubscribe links and SendGrid's event webhook carry their own signatures.
resource authentication 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(staffApiClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/public'
        '/api/public/*'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: staffApiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${staffApiTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            staffApiClientId
            'api://${staffApiClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output url string = 'https://${app.properties.defaultHostName}'
