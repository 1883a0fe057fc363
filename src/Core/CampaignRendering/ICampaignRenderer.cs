using Outreach.Core.Campaigns;
using Outreach.Core.Districts;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Renders campaigns and newsletter issues: Markdown (sanitised: no raw HTML, only http, https and mailto links) or a
/// named Scriban template of the district, inside the district's campaign layout (chair's signature when the campaign
/// is signed by the chair, the category's unsubscribe footer), to HTML and a readable text part.
/// </summary>
public interface ICampaignRenderer
{
    /// <summary>
    /// Renders <paramref name="variant"/> of <paramref name="campaign"/> for <paramref name="district"/>, with
    /// <see cref="RecipientTags"/> in place of every per-recipient value.
    /// Throws <see cref="Templates.TemplateNotFoundException"/> when a named template does not exist.
    /// </summary>
    RenderedVariant Render(DistrictOptions district, Campaign campaign, string variant);

    /// <summary>Checks that <paramref name="content"/> can be rendered for <paramref name="district"/> (template exists, Markdown within limits); the problem for staff, or null.</summary>
    string? Check(DistrictOptions district, CampaignContent content);
}
