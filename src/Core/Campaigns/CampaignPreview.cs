namespace Outreach.Core.Campaigns;

/// <summary>A campaign rendered for one recipient, exactly as they would receive it.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML part with the recipient's values filled in.</param>
/// <param name="Text">The text part with the recipient's values filled in.</param>
/// <param name="InAudience">True when the address is in the campaign's audience (today); otherwise the preview uses the address alone.</param>
public sealed record CampaignPreview(string Subject, string Html, string Text, bool InAudience);
