using Outreach.DevHost.Azurite;
using Xunit;

namespace Outreach.Testing.Azurite;

/// <summary>
/// One in-memory Azurite per test collection, on ports Azurite picks itself. Tests isolate their data by
/// using unique table and queue names (see <see cref="UniqueName"/>), so they can share the instance.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher? azurite;

    /// <summary>The connection string of the running instance.</summary>
    public string ConnectionString => (azurite ?? throw new InvalidOperationException("Azurite is not started.")).ConnectionString;

    /// <summary>The running instance.</summary>
    public AzuriteLauncher Instance => azurite ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>A name that is valid for both a table (letters and digits) and a queue (lower case), unique per call.</summary>
    public static string UniqueName(string prefix) =>
        (prefix + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();

    public async Task InitializeAsync() => azurite = await AzuriteLauncher.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
