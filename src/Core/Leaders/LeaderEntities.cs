using Azure;
using Outreach.Core.Discovery;
using Outreach.Core.Storage.Tables;

namespace Outreach.Core.Leaders;

/// <summary>A leader as stored: partition = district code, row = leader id.</summary>
internal sealed class LeaderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    /// <summary>What unsubscribe tokens and opt-outs name the person by (see <c>EmailAddresses.Hash</c>).</summary>
    public string EmailHash { get; set; } = "";

    public string? JobTitle { get; set; }

    public string? Workplace { get; set; }

    public string? Municipality { get; set; }

    /// <summary>ISO 8601 date (yyyy-MM-dd); tables have no date-only type.</summary>
    public string? HireDate { get; set; }

    public MembershipStatus Membership { get; set; }

    public LeaderState State { get; set; }

    public int FollowUps { get; set; }

    public string Source { get; set; } = "";

    public string SourceId { get; set; } = "";

    public LawfulBasis LawfulBasis { get; set; }

    public DateTimeOffset DiscoveredAt { get; set; }

    public DateTimeOffset? WelcomedAt { get; set; }

    public DateTimeOffset? LastFollowUpAt { get; set; }

    public DateTimeOffset? JoinedAt { get; set; }

    public bool JoinCreditedToOutreach { get; set; }

    public bool RemovedFromSource { get; set; }

    public string District => PartitionKey;

    public string LeaderId => RowKey;

    public DateOnly? HireDateValue => HireDate is null ? null : DateOnly.ParseExact(HireDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public LeaderView ToView() => new()
    {
        District = PartitionKey,
        LeaderId = RowKey,
        Name = Name,
        Email = Email,
        JobTitle = JobTitle,
        Workplace = Workplace,
        Municipality = Municipality,
        HireDate = HireDateValue,
        Membership = Membership,
        State = State,
        FollowUps = FollowUps,
        Source = Source,
        LawfulBasis = LawfulBasis,
        DiscoveredAt = DiscoveredAt,
        WelcomedAt = WelcomedAt,
        JoinedAt = JoinedAt,
        JoinCreditedToOutreach = JoinCreditedToOutreach,
    };
}

/// <summary>One state change of a leader: partition = "{district}|{leaderId}", row = time-ordered id.</summary>
internal sealed class LeaderEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }

    public LeaderState? From { get; set; }

    public LeaderState To { get; set; }

    public string Actor { get; set; } = "";

    public string Reason { get; set; } = "";
}

/// <summary>How far a letter got. Claimed without Sent after a crash is what makes an outcome unknown.</summary>
internal enum DeliveryStatus
{
    Claimed,
    Sent,
    OutcomeUnknown,
    Rejected,
    Skipped,
}

/// <summary>One letter to one leader: partition = leader id, row = kind ("welcome", "followup1", ...).</summary>
internal sealed class DeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string District { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? Template { get; set; }

    public string? Detail { get; set; }

    /// <summary>The key that travels with the mail (SendGrid custom_args) and comes back in provider events.</summary>
    public string DeliveryKey => RowKey + ":" + PartitionKey;
}

/// <summary>An address not to be mailed: partition = "email", row = the address's hash.</summary>
internal sealed class SuppressionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

/// <summary>A person's opt-out of one category: partition = the address's hash, row = the category.</summary>
internal sealed class OptOutEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string District { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
