namespace Outreach.Functions.Newsletters;

/// <summary>The ids of newsletter issues: <c>newsletter-{district}-{yyyy-MM}</c> (Core's <see cref="Core.Campaigns.Campaign.Id"/>).</summary>
public static class NewsletterIds
{
    /// <summary>The prefix every issue's id has and no campaign's has (campaigns are <c>c-…</c>).</summary>
    public const string Prefix = "newsletter-";

    /// <summary>True when <paramref name="id"/> names a newsletter issue.</summary>
    public static bool IsNewsletter(string id) => id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The id of a district's issue for a month (<c>yyyy-MM</c>).</summary>
    public static string For(string district, string month) => Prefix + district + "-" + month;
}
