namespace Outreach.Functions.Campaigns;

/// <summary>The body of <c>POST /api/staff/campaigns</c> and <c>PUT /api/staff/campaigns/{id}</c>.</summary>
/// <param name="District">The district code.</param>
/// <param name="Name">Staff's name for the campaign.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Category"><c>campaigns</c> (the default) or <c>newsletter</c>: what a recipient can opt out of.</param>
/// <param name="SignedByChair">True when the chair signs it (then someone other than its authors approves it).</param>
/// <param name="Markdown">The body as Markdown (or give <paramref name="Template"/>).</param>
/// <param name="Template">The name of a campaign template of the district (or give <paramref name="Markdown"/>).</param>
/// <param name="Audience">Who it goes to.</param>
public sealed record CampaignRequest(
    string? District,
    string? Name,
    string? Subject,
    string? Category,
    bool? SignedByChair,
    string? Markdown,
    string? Template,
    AudienceRequest? Audience);
