using Azure.Identity;
using Outreach.Core.Discovery.Graph;
using Outreach.Testing.Graph;

namespace Outreach.Core.Tests.Discovery;

public sealed class GraphClientsTests
{
    private static GraphLeaderSourceOptions Options(string? clientId = null, string? secret = null) =>
        new() { TenantId = "00000000-0000-0000-0000-000000000001", ClientId = clientId, ClientSecret = secret };

    [Fact]
    public void CreateCredential_SecretConfigured_IsClientSecretCredential() =>
        Assert.IsType<ClientSecretCredential>(GraphClients.CreateCredential(Options("00000000-0000-0000-0000-000000000002", "secret"), new StaticTokenCredential("app")));

    [Fact]
    public void CreateCredential_ClientIdWithoutSecret_IsTheUserAssignedManagedIdentity() =>
        Assert.IsType<ManagedIdentityCredential>(GraphClients.CreateCredential(Options("00000000-0000-0000-0000-000000000002"), new StaticTokenCredential("app")));

    [Fact]
    public void CreateCredential_NothingConfigured_IsTheAppsCredentialWhenItHasOne()
    {
        var app = new StaticTokenCredential("app");

        Assert.Same(app, GraphClients.CreateCredential(Options(), app));
        Assert.IsType<DefaultAzureCredential>(GraphClients.CreateCredential(Options()));
    }
}
