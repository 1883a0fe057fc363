using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.CampaignSending;

/// <summary>Campaigns, recipients, districts, a clock and in-memory fakes for the campaign sending tests.</summary>
internal static class CampaignSendingTestData
{
    /// <summary>11:00 in Copenhagen (winter time): inside the default send window.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock(DateTimeOffset? at = null) => new(at ?? Now);

    public static DistrictOptions District(string code) => LeaderFlowHarness.District(code, 30, null);

    public static LeaderFlowHarness.FixedDistricts Districts(params string[] codes) => new(codes.Select(District).ToList());

    public static string UniqueId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static Campaign Campaign(
        string district,
        CampaignStatus status,
        OptOutCategory category = OptOutCategory.Campaigns,
        LeaderSegment? segment = null,
        IReadOnlyList<string>? listIds = null,
        CampaignContent? content = null,
        string? id = null) => new()
        {
            Id = id ?? UniqueId("c"),
            Kind = category == OptOutCategory.Newsletter ? CampaignKind.Newsletter : CampaignKind.Campaign,
            District = district,
            Name = "Møde i Tårnby",
            Category = category,
            Content = content ?? new CampaignContent { Subject = "Invitation til møde", Markdown = "Kære [%navn-tekst%]" },
            Audience = new CampaignAudience { Segment = segment ?? new LeaderSegment(), ListIds = listIds ?? [] },
            Status = status,
            CreatedBy = "anna",
            CreatedAt = Now.AddDays(-1),
            Version = "1",
        };

    public static CampaignRecipient Recipient(string local, MembershipStatus membership = MembershipStatus.Member, string? name = null)
    {
        var email = local + "@institution.example";
        return new CampaignRecipient
        {
            Key = EmailAddresses.Hash(email),
            Email = email,
            Name = name ?? "Søren Ærø " + local,
            Municipality = "Tårnby",
            Membership = membership,
            LeaderId = local,
        };
    }

    public static CampaignBatch Batch(Campaign campaign, int number, IReadOnlyList<CampaignRecipient> recipients, CampaignBatchStatus status = CampaignBatchStatus.Planned) => new()
    {
        CampaignId = campaign.Id,
        Number = number,
        Variant = CampaignVariant.All,
        Recipients = recipients,
        Status = status,
        Counts = new CampaignCounts(recipients.Count, 0, 0, 0, 0),
        Version = "v1",
    };

    public static Leader Leader(string district, int i, string municipality = "Tårnby", MembershipStatus membership = MembershipStatus.Member, LeaderState state = LeaderState.Welcomed)
    {
        var id = "l" + i.ToString("D6", CultureInfo.InvariantCulture);
        var email = $"{id}.{district}@institution.example";
        return new Leader
        {
            District = district,
            LeaderId = id,
            Name = "Æblerød Østergård & <Søn> " + id,
            Email = email,
            NormalizedEmail = EmailAddresses.Normalize(email),
            EmailHash = EmailAddresses.Hash(email),
            Municipality = municipality,
            HireDate = new DateOnly(2026, 1, 1).AddDays(i % 300),
            Membership = membership,
            State = state,
            Source = "file",
            SourceId = id,
            LawfulBasis = LawfulBasis.LegitimateInterest,
            DiscoveredAt = Now.AddDays(-30),
        };
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask;
    }

    /// <summary>A set of excluded addresses (plain hashes of the given addresses).</summary>
    public static MailingExclusionSet Excluding(params string[] emails) =>
        new(emails.Select(EmailAddresses.Hash).ToHashSet(StringComparer.Ordinal), new HashSet<string>(), null);

    /// <summary>Campaigns in memory with versions: every update checks and moves the version, like the table.</summary>
    public sealed class InMemoryCampaigns : ICampaignRepository
    {
        private readonly ConcurrentDictionary<string, Campaign> stored = new(StringComparer.Ordinal);
        private int version;

        public int Updates { get; private set; }

        public Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken) =>
            Task.FromResult(stored.TryGetValue(campaignId, out var campaign) ? Copy(campaign) : null);

        public Task<IReadOnlyList<Campaign>> ListAsync(string? district, CampaignKind? kind, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Campaign>>(stored.Values.Where(c => district is null || c.District == district).Select(Copy).ToList());

        public Task<IReadOnlyList<Campaign>> ListByStatusAsync(CampaignStatus status, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Campaign>>(stored.Values.Where(c => c.Status == status).Select(Copy).ToList());

        public Task AddAsync(Campaign campaign, CancellationToken cancellationToken)
        {
            campaign.Version = NextVersion();
            stored[campaign.Id] = Copy(campaign);
            return Task.CompletedTask;
        }

        public Task UpdateAsync(Campaign campaign, CancellationToken cancellationToken)
        {
            lock (stored)
            {
                if (!stored.TryGetValue(campaign.Id, out var current) || current.Version != campaign.Version)
                {
                    throw new ConcurrencyConflictException("changed");
                }

                campaign.Version = NextVersion();
                stored[campaign.Id] = Copy(campaign);
                Updates++;
            }

            return Task.CompletedTask;
        }

        public Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken) => Task.FromResult(stored.TryRemove(campaignId, out _));

        private string NextVersion() => Interlocked.Increment(ref version).ToString(CultureInfo.InvariantCulture);

        private static Campaign Copy(Campaign c) => new()
        {
            Id = c.Id,
            Kind = c.Kind,
            District = c.District,
            Name = c.Name,
            Month = c.Month,
            Category = c.Category,
            Content = c.Content,
            Audience = c.Audience,
            Status = c.Status,
            CreatedBy = c.CreatedBy,
            CreatedAt = c.CreatedAt,
            EditedBy = c.EditedBy.ToList(),
            ApprovedBy = c.ApprovedBy,
            ApprovedAt = c.ApprovedAt,
            ScheduledAt = c.ScheduledAt,
            SentBy = c.SentBy,
            SendingStartedAt = c.SendingStartedAt,
            CompletedAt = c.CompletedAt,
            CancelledBy = c.CancelledBy,
            CancelledAt = c.CancelledAt,
            PlanningCounts = c.PlanningCounts,
            BatchCount = c.BatchCount,
            History = c.History.ToList(),
            Version = c.Version,
        };
    }

    /// <summary>Renders "variant" with the tags in place.</summary>
    public sealed class StubRenderer : ICampaignRenderer
    {
        private int renders;

        public int Renders => renders;

        public RenderedVariant Render(DistrictOptions district, Campaign campaign, string variant)
        {
            Interlocked.Increment(ref renders);
            return new RenderedVariant(variant, campaign.Content.Subject, $"<p>{variant} {RecipientTags.NameHtml} <a href=\"{RecipientTags.UnsubscribeUrlHtml}\">afmeld</a></p>", $"{variant} {RecipientTags.NameText} {RecipientTags.UnsubscribeUrlText}");
        }

        public string? Check(DistrictOptions district, CampaignContent content) => null;
    }

    /// <summary>Accepts every batch request and keeps it.</summary>
    public sealed class RecordingBatchMailSender : IBatchMailSender
    {
        private readonly ConcurrentQueue<BatchMail> sent = new();

        public IReadOnlyCollection<BatchMail> Sent => sent;

        public Task<MailSendResult> SendBatchAsync(BatchMail mail, CancellationToken cancellationToken = default)
        {
            sent.Enqueue(mail);
            return Task.FromResult(new MailSendResult("msg-" + sent.Count.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
