namespace Outreach.Core.Storage;

/// <summary>The tables and queues the app uses; one place for their names.</summary>
public static class StorageNames
{
    /// <summary>Leaders (partition = district) and, in the same partition, every state change with its cause.</summary>
    public const string LeadersTable = "leaders";

    /// <summary>Claimed and sent letters, keyed by delivery key (e.g. <c>welcome:{leaderId}</c>).</summary>
    public const string DeliveriesTable = "deliveries";

    /// <summary>Addresses that must not be mailed (bounces, spam reports).</summary>
    public const string SuppressionsTable = "suppressions";

    /// <summary>People who opted out of a category of mail.</summary>
    public const string OptOutsTable = "optouts";

    /// <summary>Saved positions of sources (e.g. Graph delta links).</summary>
    public const string CursorsTable = "cursors";

    /// <summary>The provider (SendGrid) events applied already, by a hash of their id.</summary>
    public const string ProcessedEventsTable = "providerevents";

    /// <summary>Provider events counted per district, day and type.</summary>
    public const string ProviderEventCountsTable = "providereventcounts";

    /// <summary>Erasures and retention sweeps: when, who, counts per table; never the address.</summary>
    public const string PrivacyAuditTable = "privacyaudit";

    /// <summary>Campaigns and newsletter issues (content, audience, state, history).</summary>
    public const string CampaignsTable = "campaigns";

    /// <summary>Frozen campaign batches and, in each batch's partition, the outcome per recipient.</summary>
    public const string CampaignBatchesTable = "campaignbatches";

    /// <summary>Uploaded recipient lists and their rows.</summary>
    public const string RecipientListsTable = "recipientlists";

    /// <summary>Work items for welcome letters.</summary>
    public const string WelcomeQueue = "welcome-letters";

    /// <summary>Work items for follow-up letters.</summary>
    public const string FollowUpQueue = "follow-up-letters";

    /// <summary>Work items: freeze one campaign's audience into batches.</summary>
    public const string CampaignPlanQueue = "campaign-plans";

    /// <summary>Work items: send one campaign batch.</summary>
    public const string CampaignBatchQueue = "campaign-batches";

    /// <summary>Every table the app needs.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        [LeadersTable, DeliveriesTable, SuppressionsTable, OptOutsTable, CursorsTable, ProcessedEventsTable, ProviderEventCountsTable, PrivacyAuditTable, CampaignsTable, CampaignBatchesTable, RecipientListsTable];

    /// <summary>Every queue the app needs (their <c>-poison</c> queues are made by the host).</summary>
    public static IReadOnlyList<string> Queues { get; } = [WelcomeQueue, FollowUpQueue, CampaignPlanQueue, CampaignBatchQueue];
}
