using System.Text;
using Outreach.Core.Discovery;
using Outreach.Core.Imports;
using Outreach.Core.Tests.Discovery;

namespace Outreach.Core.Tests.Imports;

/// <summary>The leaders file as Danish Excel saves it ("CSV (semikolonsepareret)"), and the tricks a spreadsheet allows.</summary>
public sealed class DanishExcelCsvTests
{
    private const string Header = "district;sourceId;name;email;jobTitle;workplace;municipality;hireDate;member\r\n";

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private readonly LeaderCsvParser parser = new(new TestDistricts());

    private Task<LeaderSourceResult> ParseAsync(byte[] bytes) => parser.ParseAsync(new MemoryStream(bytes), "upload");

    private static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public async Task ParseAsync_SemicolonsUtf8BomAndDanishDates_ReadsEveryValueIntact()
    {
        var result = await ParseAsync(Utf8WithBom(Header +
            "Storkobenhavn;kbh-1;Søren Ærø-Åberg;soren@example.org;Forstander;Botilbuddet Åbrinken, afdeling Syd;Tårnby;01-11-2026;Ja\r\n" +
            "nordjylland;nj-1;Line Aabjørn;line@example.org;;\"Bostedet \"\"Skagensvej\"\"\";Frederikshavn;2026-11-24;nej\r\n"));

        Assert.Empty(result.Problems);
        Assert.Collection(
            result.Leaders,
            soren =>
            {
                Assert.Equal(("storkobenhavn", "Søren Ærø-Åberg", "Botilbuddet Åbrinken, afdeling Syd", "Tårnby"), (soren.District, soren.Name, soren.Workplace, soren.Municipality));
                Assert.Equal((new DateOnly(2026, 11, 1), MembershipStatus.Member), (soren.HireDate, soren.Membership));
            },
            line => Assert.Equal(("Bostedet \"Skagensvej\"", MembershipStatus.NonMember), (line.Workplace, line.Membership)));
    }

    [Fact]
    public async Task ParseAsync_Windows1252File_DecodesDanishLetters()
    {
        var result = await ParseAsync(Windows1252.GetBytes(Header +
            "storkobenhavn;kbh-2;Åse Bøgh Ærebo;ase@example.org;Pædagogisk leder;Vuggestuen Østerled;Tårnby;;ukendt\r\n"));

        var leader = Assert.Single(result.Leaders);
        Assert.Empty(result.Problems);
        Assert.Equal(("Åse Bøgh Ærebo", "Pædagogisk leder", "Vuggestuen Østerled"), (leader.Name, leader.JobTitle, leader.Workplace));
    }

    [Fact]
    public async Task ParseAsync_QuotedLineBreaksBeforeBadRow_ReportsThePhysicalLine()
    {
        var result = await ParseAsync(Utf8WithBom(Header +
            "storkobenhavn;x1;A;a@example.org;;\"Bostedet\r\nLærkevej\r\nafdeling 2\";;;ja\r\n" +
            "\r\n" +
            "storkobenhavn;x2;B;b@example.org;;;;;måske\r\n"));

        Assert.Equal("Bostedet\r\nLærkevej\r\nafdeling 2", Assert.Single(result.Leaders).Workplace);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(6, problem.Line);
        Assert.Contains("member 'måske'", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ExcelSeparatorLine_IsHonouredAndCounted()
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes("sep=;\r\n" + Header + "storkobenhavn;x1;A;a@example.org;;;;;ja\r\nstorkobenhavn;x2;B;not-an-address;;;;;ja\r\n"));

        Assert.Equal("x1", Assert.Single(result.Leaders).SourceId);
        Assert.Equal(4, Assert.Single(result.Problems).Line);
    }

    [Theory]
    [InlineData("=1+2", '=')]
    [InlineData("+4512345678", '+')]
    [InlineData("-2+3", '-')]
    [InlineData("@SUM(A1:A9)", '@')]
    public async Task ParseAsync_ValueStartingAsFormula_RefusesTheRowWithoutEchoingIt(string value, char first)
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes(Header + $"storkobenhavn;x1;A;a@example.org;;\" {value}\";;;ja\r\n"));

        Assert.Empty(result.Leaders);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal($"workplace starts with '{first}', which a spreadsheet runs as a formula; remove it.", problem.Reason);
    }

    [Fact]
    public async Task ParseAsync_FormulaInHeader_IsQuotedBackWithTheSpreadsheetTextPrefix()
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes("district;sourceId;name;email;jobTitle;workplace;municipality;hireDate;member;=cmd|' /C calc'!A0\r\n"));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("''=cmd|' /C calc'!A0'", problem.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(" '=", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_FieldLongerThanTheLimit_RefusesItsRowByLineAndField()
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes(Header +
            "storkobenhavn;x1;A;a@example.org;;;;;ja\r\n" +
            $"storkobenhavn;x2;{new string('Å', 257)};b@example.org;;;;;ja\r\n"));

        Assert.Single(result.Leaders);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal("name is longer than 256 characters.", problem.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n")]
    public async Task ParseAsync_EmptyFile_IsOneProblemNamingTheHeader(string text)
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes(text));

        Assert.Empty(result.Leaders);
        Assert.Contains("The file is empty; expected the header 'district,sourceId,name", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_QuoteNeverClosed_IsAProblemOnTheLineItOpensAndEarlierRowsAreKept()
    {
        var result = await ParseAsync(Encoding.UTF8.GetBytes(Header +
            "storkobenhavn;x1;A;a@example.org;;;;;ja\r\n" +
            "storkobenhavn;x2;B;b@example.org;;\"Bostedet;;;ja\r\n" +
            "storkobenhavn;x3;C;c@example.org;;;;;ja\r\n"));

        Assert.Equal("x1", Assert.Single(result.Leaders).SourceId);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("never closed", problem.Reason, StringComparison.Ordinal);
    }
}
