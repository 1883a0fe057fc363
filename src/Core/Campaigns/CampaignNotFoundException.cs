namespace Outreach.Core.Campaigns;

/// <summary>No campaign (or newsletter issue, or recipient list) with the given id; the HTTP layer answers 404.</summary>
public sealed class CampaignNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CampaignNotFoundException()
        : base("No such campaign.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CampaignNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CampaignNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
