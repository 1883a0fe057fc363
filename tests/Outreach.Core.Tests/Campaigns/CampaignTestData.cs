using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Campaigns;

/// <summary>Campaigns, drafts and districts for the campaign tests.</summary>
internal static class CampaignTestData
{
    public static readonly DateTimeOffset Now = DomainTestData.Now;

    public static LeaderFlowHarness.FixedDistricts Districts()
    {
        var copenhagen = DomainTestData.District("storkobenhavn");
        copenhagen.Municipalities.Add("København");
        copenhagen.Municipalities.Add("Frederiksberg");
        return new([copenhagen, DomainTestData.District("nordjylland")]);
    }

    public static CampaignDraft Draft(bool signedByChair = true) => new()
    {
        District = "storkobenhavn",
        Name = "Møde for lederne i Tårnby",
        Category = OptOutCategory.Campaigns,
        Content = new CampaignContent
        {
            Subject = "Invitation til møde med ledersekretariatet",
            Markdown = "Kære leder,\n\nVi inviterer til **møde** den 12. januar.",
            SignedByChair = signedByChair,
        },
        Audience = new CampaignAudience { Segment = new LeaderSegment { Municipalities = ["Tårnby"] } },
    };

    public static Campaign Campaign(CampaignStatus status = CampaignStatus.Draft, bool signedByChair = true, string createdBy = "anna", string? id = null) => new()
    {
        Id = id ?? "c-" + Guid.NewGuid().ToString("N")[..12],
        Kind = CampaignKind.Campaign,
        District = "storkobenhavn",
        Name = "Møde for lederne i Tårnby",
        Category = OptOutCategory.Campaigns,
        Content = new CampaignContent { Subject = "Invitation", Markdown = "Kære leder", SignedByChair = signedByChair },
        Audience = new CampaignAudience { Segment = new LeaderSegment { Municipalities = ["Tårnby"] } },
        Status = status,
        CreatedBy = createdBy,
        CreatedAt = Now.AddDays(-1),
        ApprovedBy = status is CampaignStatus.Draft ? null : "bo",
        ApprovedAt = status is CampaignStatus.Draft ? null : Now.AddHours(-2),
        Version = "W/\"1\"",
    };

    public static Leader Leader(string id, MembershipStatus membership, string municipality = "Tårnby", string? name = null)
    {
        var leader = DomainTestData.Leader(id, LeaderState.Welcomed, membership);
        leader.Municipality = municipality;
        if (name is not null)
        {
            leader.Name = name;
        }

        return leader;
    }

    public static DistrictOptions District(string code = "storkobenhavn") => Districts().GetRequired(code);
}
