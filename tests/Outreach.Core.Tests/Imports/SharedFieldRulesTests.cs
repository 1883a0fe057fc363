using System.Text;
using Outreach.Core.Discovery;
using Outreach.Core.Imports;
using Outreach.Core.Tests.Discovery;

namespace Outreach.Core.Tests.Imports;

/// <summary>The leaders file and the membership export read the fields they share by one set of rules: same value, same answer.</summary>
public sealed class SharedFieldRulesTests
{
    private static readonly TestDistricts Districts = new();

    private static async Task<(SourcedLeader? Leader, string? Problem)> LeaderAsync(string district, string name, string email, string date)
    {
        var csv = "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n" +
                  $"{district},x1,{name},{email},,,,{date},\n";
        var result = await new LeaderCsvParser(Districts).ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "upload");
        return (result.Leaders.SingleOrDefault(), result.Problems.SingleOrDefault()?.Reason);
    }

    private static async Task<(MembershipRow? Row, string? Problem)> MemberAsync(string district, string name, string email, string date)
    {
        var csv = $"district,sourceId,name,email,joinedOn\n{district},x1,{name},{email},{date}\n";
        var result = await new MembershipCsvParser(Districts).ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        return (result.Rows.SingleOrDefault(), result.Problems.SingleOrDefault()?.Reason);
    }

    [Theory]
    [InlineData("fyn", "Åse Bøgh", "ase@example.org", "", "district 'fyn' is not a known district.")]
    [InlineData(" ", "Åse Bøgh", "ase@example.org", "", "district is missing.")]
    [InlineData("storkobenhavn", "=1+1", "ase@example.org", "", "name starts with '=', which a spreadsheet runs as a formula; remove it.")]
    [InlineData("storkobenhavn", "Åse Bøgh", "Åse Bøgh <ase@example.org>", "", "email is not a valid e-mail address.")]
    [InlineData("storkobenhavn", "Åse Bøgh", "ase@example", "", "email is not a valid e-mail address.")]
    [InlineData("storkobenhavn", "Åse Bøgh", "ase@example.org", "2026-02-30", "DATE '2026-02-30' is not a date in the form yyyy-mm-dd or dd-mm-yyyy.")]
    [InlineData("storkobenhavn", "Åse Bøgh", "ase@example.org", "next week", "DATE 'next week' is not a date in the form yyyy-mm-dd or dd-mm-yyyy.")]
    public async Task ParseAsync_SameBadValueInBothFiles_GetsTheSameAnswer(string district, string name, string email, string date, string expected)
    {
        var (leader, leaderProblem) = await LeaderAsync(district, name, email, date);
        var (member, memberProblem) = await MemberAsync(district, name, email, date);

        Assert.Null(leader);
        Assert.Null(member);
        Assert.Equal(expected.Replace("DATE", "hireDate", StringComparison.Ordinal), leaderProblem);
        Assert.Equal(expected.Replace("DATE", "joinedOn", StringComparison.Ordinal), memberProblem);
    }

    [Theory]
    [InlineData(" NordJylland ", " Line.Aabjorn@Example.NET ", "24-11-2026")]
    [InlineData("nordjylland", "line.aabjorn@example.net", "2026-11-24")]
    [InlineData("NORDJYLLAND", "line.aabjorn@example.net", "24.11.2026")]
    public async Task ParseAsync_SameGoodValuesInBothFiles_AreReadAlike(string district, string email, string date)
    {
        var (leader, leaderProblem) = await LeaderAsync(district, "Line Aabjørn", email, date);
        var (member, memberProblem) = await MemberAsync(district, "Line Aabjørn", email, date);

        Assert.Null(leaderProblem);
        Assert.Null(memberProblem);
        Assert.Equal(("nordjylland", email.Trim(), new DateOnly(2026, 11, 24)), (leader!.District, leader.Email, leader.HireDate));
        Assert.Equal(("nordjylland", email.Trim(), new DateOnly(2026, 11, 24)), (member!.District, member.Email, member.JoinedOn));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "''=HYPERLINK(\"http://evil.example\")'")]
    [InlineData("-1", "''-1'")]
    [InlineData("plain", "'plain'")]
    [InlineData("line\r\nbreak", "'line  break'")]
    public void Quote_Value_IsSafeToShowAndPasteIntoASpreadsheet(string value, string expected) =>
        Assert.Equal(expected, ImportText.Quote(value));

    [Fact]
    public void Quote_LongValue_IsCut() =>
        Assert.Equal("'" + new string('a', ImportText.MaxQuotedLength) + "…'", ImportText.Quote(new string('a', 500)));
}
