using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;

namespace Outreach.Core.Storage;

/// <summary>A leader as stored: partition = district code, row = leader id. Enums are stored by name, dates as ISO text.</summary>
internal sealed class LeaderTableEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public string EmailHash { get; set; } = "";

    public string? JobTitle { get; set; }

    public string? Workplace { get; set; }

    public string? Municipality { get; set; }

    /// <summary>yyyy-MM-dd: tables have no date-only type.</summary>
    public string? HireDate { get; set; }

    public string Membership { get; set; } = "";

    public string State { get; set; } = "";

    public int FollowUps { get; set; }

    public string Source { get; set; } = "";

    public string SourceId { get; set; } = "";

    public string LawfulBasis { get; set; } = "";

    public DateTimeOffset DiscoveredAt { get; set; }

    public DateTimeOffset? WelcomedAt { get; set; }

    public DateTimeOffset? LastFollowUpAt { get; set; }

    public DateTimeOffset? JoinedAt { get; set; }

    public bool JoinCreditedToOutreach { get; set; }

    public bool RemovedFromSource { get; set; }

    public static LeaderTableEntity From(Leader leader) => new()
    {
        PartitionKey = leader.District,
        RowKey = leader.LeaderId,
        ETag = leader.Version is null ? default : new ETag(leader.Version),
        Name = leader.Name,
        Email = leader.Email,
        NormalizedEmail = leader.NormalizedEmail,
        EmailHash = leader.EmailHash,
        JobTitle = leader.JobTitle,
        Workplace = leader.Workplace,
        Municipality = leader.Municipality,
        HireDate = leader.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Membership = leader.Membership.ToString(),
        State = leader.State.ToString(),
        FollowUps = leader.FollowUps,
        Source = leader.Source,
        SourceId = leader.SourceId,
        LawfulBasis = leader.LawfulBasis.ToString(),
        DiscoveredAt = leader.DiscoveredAt,
        WelcomedAt = leader.WelcomedAt,
        LastFollowUpAt = leader.LastFollowUpAt,
        JoinedAt = leader.JoinedAt,
        JoinCreditedToOutreach = leader.JoinCreditedToOutreach,
        RemovedFromSource = leader.RemovedFromSource,
    };

    public Leader ToLeader() => new()
    {
        District = PartitionKey,
        LeaderId = RowKey,
        Version = ETag.ToString(),
        Name = Name,
        Email = Email,
        NormalizedEmail = NormalizedEmail,
        EmailHash = EmailHash,
        JobTitle = JobTitle,
        Workplace = Workplace,
        Municipality = Municipality,
        HireDate = HireDate is null ? null : DateOnly.ParseExact(HireDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Membership = Enum.Parse<MembershipStatus>(Membership),
        State = Enum.Parse<LeaderState>(State),
        FollowUps = FollowUps,
        Source = Source,
        SourceId = SourceId,
        LawfulBasis = Enum.Parse<LawfulBasis>(LawfulBasis),
        DiscoveredAt = DiscoveredAt,
        WelcomedAt = WelcomedAt,
        LastFollowUpAt = LastFollowUpAt,
        JoinedAt = JoinedAt,
        JoinCreditedToOutreach = JoinCreditedToOutreach,
        RemovedFromSource = RemovedFromSource,
    };
}
