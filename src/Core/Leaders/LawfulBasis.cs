using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>Why the district may write to a person (GDPR art. 6).</summary>
public enum LawfulBasis
{
    /// <summary>An existing member relationship.</summary>
    MemberRelationship = 0,

    /// <summary>The person's recorded consent.</summary>
    Consent = 1,

    /// <summary>The district's documented legitimate interest in reaching new leaders.</summary>
    LegitimateInterest = 2,
}
