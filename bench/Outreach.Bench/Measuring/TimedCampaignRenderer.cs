using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;

namespace Outreach.Bench.Measuring;

/// <summary>The app's <see cref="ICampaignRenderer"/>, timed: wrapped around the registered one by the harness.</summary>
internal sealed class TimedCampaignRenderer(ICampaignRenderer inner, BusyTimes times) : ICampaignRenderer
{
    public RenderedVariant Render(DistrictOptions district, Campaign campaign, string variant)
    {
        var started = BusyTimes.Now();
        try
        {
            return inner.Render(district, campaign, variant);
        }
        finally
        {
            times.Add("render", started);
        }
    }

    public string? Check(DistrictOptions district, CampaignContent content) => inner.Check(district, content);
}
