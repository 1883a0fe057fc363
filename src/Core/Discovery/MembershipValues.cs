namespace Outreach.Core.Discovery;

/// <summary>
/// Reads the membership flag of a source row or attribute. Accepted, case-insensitive and trimmed: <c>yes</c>/<c>ja</c>
/// (member), <c>no</c>/<c>nej</c> (not a member), <c>unknown</c>/<c>ukendt</c> or blank (not known).
/// </summary>
public static class MembershipValues
{
    /// <summary>The accepted spellings, for messages.</summary>
    public const string Accepted = "yes, no, unknown (or ja, nej, ukendt, or blank)";

    /// <summary>Parses <paramref name="value"/>; false when it is none of the accepted spellings.</summary>
    public static bool TryParse(string? value, out MembershipStatus status)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case null or "" or "UNKNOWN" or "UKENDT":
                status = MembershipStatus.Unknown;
                return true;
            case "YES" or "JA":
                status = MembershipStatus.Member;
                return true;
            case "NO" or "NEJ":
                status = MembershipStatus.NonMember;
                return true;
            default:
                status = MembershipStatus.Unknown;
                return false;
        }
    }
}
