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

    /// <summary>Work items for welcome letters.</summary>
    public const string WelcomeQueue = "welcome-letters";

    /// <summary>Work items for follow-up letters.</summary>
    public const string FollowUpQueue = "follow-up-letters";

    /// <summary>Every table the app needs.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        [LeadersTable, DeliveriesTable, SuppressionsTable, OptOutsTable, CursorsTable, ProcessedEventsTable, ProviderEventCountsTable, PrivacyAuditTable];

    /// <summary>Every queue the app needs (their <c>-poison</c> queues are made by the host).</summary>
    public static IReadOnlyList<string> Queues { get; } = [WelcomeQueue, FollowUpQueue];
}
