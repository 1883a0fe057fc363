using System.Security.Cryptography;
using System.Text;

namespace Outreach.Core.Leaders;

/// <summary>Leader ids: the same person of the same source always gets the same id, so a rerun finds the same row.</summary>
internal static class LeaderIds
{
    /// <summary>A stable id for a person of a source.</summary>
    public static string For(string district, string source, string sourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(district + "\n" + source + "\n" + sourceId));
        return "l" + Convert.ToHexStringLower(hash)[..20];
    }
}
