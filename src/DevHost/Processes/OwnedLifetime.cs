using Microsoft.Extensions.Hosting;

namespace Outreach.DevHost.Processes;

/// <summary>The lifetime of DevHost's inner web servers: DevHost owns Ctrl+C and the console, and stops them itself.</summary>
internal sealed class OwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
