using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;

namespace Outreach.Core.Tests.Leaders;

/// <summary>Districts, leaders and a clock for the unit tests of the domain services (no storage).</summary>
internal static class DomainTestData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static LeaderFlowHarness.FixedDistricts Districts() => new([District("storkobenhavn"), District("nordjylland")]);

    public static DistrictOptions District(string code) => LeaderFlowHarness.District(code, 30, null);

    public static Leader Leader(string id, LeaderState state = LeaderState.Discovered, MembershipStatus membership = MembershipStatus.NonMember, string district = "storkobenhavn") => new()
    {
        District = district,
        LeaderId = id,
        Name = "Søren Ærø " + id,
        Email = id + "@institution.example",
        NormalizedEmail = id + "@institution.example",
        EmailHash = Core.Email.EmailAddresses.Hash(id + "@institution.example"),
        Municipality = "Tårnby",
        HireDate = new DateOnly(2026, 11, 1),
        Membership = membership,
        State = state,
        Source = "file",
        SourceId = id,
        LawfulBasis = LawfulBasis.LegitimateInterest,
        DiscoveredAt = Now.AddDays(-1),
        Version = "W/\"1\"",
    };

    public static SourcedLeader Sourced(string sourceId, string district = "storkobenhavn") => new()
    {
        District = district,
        SourceId = sourceId,
        Name = "Mette " + sourceId,
        Email = sourceId + "@institution.example",
        Membership = MembershipStatus.NonMember,
        Source = "file",
        Municipality = "Tårnby",
        HireDate = new DateOnly(2026, 11, 1),
    };
}
