namespace Outreach.Core.Campaigns;

/// <summary>
/// A request that the campaign's state does not allow (approve your own chair-signed letter, send an unapproved one,
/// edit one that is sending). Nothing was changed. The HTTP layer answers 409 naming <see cref="Rule"/>.
/// </summary>
public sealed class CampaignRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CampaignRuleException()
        : this("unknown", "The campaign's state does not allow this.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CampaignRuleException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CampaignRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = "unknown";
    }

    /// <summary>Creates the exception for <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule's short name, e.g. <c>four-eyes</c>, <c>approval-required</c>, <c>not-editable</c>, <c>not-cancellable</c>, <c>no-audience</c>.</param>
    /// <param name="message">What was refused and why, for staff (English).</param>
    public CampaignRuleException(string rule, string message)
        : base(message)
    {
        Rule = rule;
    }

    /// <summary>The rule's short name, e.g. <c>four-eyes</c>.</summary>
    public string Rule { get; }
}
