using Microsoft.Extensions.Hosting;

namespace Outreach.Core.Templates;

/// <summary>Checks every template when the app starts (<see cref="ScribanLetterRenderer.ValidateAll"/>), so a broken template stops the start, not a letter.</summary>
internal sealed class TemplateStartupCheck(ScribanLetterRenderer renderer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        renderer.ValidateAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
