namespace Outreach.Core.CampaignRendering;

/// <summary>One variant of a campaign, rendered once: the parts hold <see cref="RecipientTags"/> where per-recipient values go.</summary>
/// <param name="Variant">The variant (<see cref="CampaignVariant"/>).</param>
/// <param name="Subject">The subject line (the same for every recipient).</param>
/// <param name="Html">The HTML part, inside the district's layout, with the HTML tags.</param>
/// <param name="Text">The text part, with the text tags.</param>
public sealed record RenderedVariant(string Variant, string Subject, string Html, string Text);
