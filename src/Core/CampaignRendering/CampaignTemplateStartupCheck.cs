using Microsoft.Extensions.Hosting;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Checks the campaign and newsletter layouts and every named campaign template when the app starts
/// (<see cref="ScribanCampaignRenderer.ValidateAll"/>), beside the letters' own check: a broken layout stops the start,
/// not a newsletter.
/// </summary>
internal sealed class CampaignTemplateStartupCheck(ScribanCampaignRenderer renderer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        renderer.ValidateAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
