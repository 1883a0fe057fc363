using System.Globalization;
using System.Text;

namespace Outreach.Bench.Runs;

/// <summary>The synthetic audience: recipient i has a unique address and a Danish name; the same in the seeder and the baseline.</summary>
internal static class SyntheticRecipients
{
    private static readonly string[] FirstNames = ["Søren", "Mette", "Jørgen", "Åse", "Birthe", "Ærenfried", "Lærke", "Niels"];
    private static readonly string[] Municipalities = ["København", "Frederiksberg", "Tårnby", "Dragør", "Gentofte"];

    public static string Email(string prefix, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{index:D7}@bench.example.org");

    public static string Name(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstNames[index % FirstNames.Length]} Modtager {index}");

    public static string Municipality(int index) => Municipalities[index % Municipalities.Length];

    /// <summary>One uploaded list's CSV (<c>email,name,municipality,role</c>) of recipients [from, to).</summary>
    public static byte[] Csv(string prefix, int from, int to)
    {
        var text = new StringBuilder("email,name,municipality,role\r\n", (to - from) * 80);
        for (var index = from; index < to; index++)
        {
            text.Append(Email(prefix, index)).Append(',').Append(Name(index)).Append(',').Append(Municipality(index)).Append(",Kandidat\r\n");
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
