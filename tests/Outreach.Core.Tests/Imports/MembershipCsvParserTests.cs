using System.Text;
using Outreach.Core.Discovery;
using Outreach.Core.Imports;
using Outreach.Core.Tests.Discovery;

namespace Outreach.Core.Tests.Imports;

public sealed class MembershipCsvParserTests
{
    private readonly MembershipCsvParser parser = new(new TestDistricts());

    private Task<MembershipCsvResult> ParseAsync(string text) => parser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task ParseAsync_SampleExport_HasOnlyGoodRows()
    {
        await using var stream = File.OpenRead(Path.Combine(RepositoryFiles.Root, "samples", "members.csv"));

        var result = await parser.ParseAsync(stream);

        Assert.Empty(result.Problems);
        Assert.Equal(4, result.Rows.Count);
        var mette = result.Rows[0];
        Assert.Equal((2, "storkobenhavn", "kbh-2026-0141", "mette.sondergaard@example.org", "Mette Søndergaard", new DateOnly(2019, 3, 1)), (mette.Line, mette.District, mette.SourceId, mette.Email, mette.Name, mette.JoinedOn));
    }

    [Fact]
    public async Task ParseAsync_ExcelExportWithSemicolonsAndOtherColumns_ReadsTheColumnsItNeeds()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(
            "Medlemsnummer;District;E-mail;Email;JoinedOn;Afdeling\r\n" +
            "1001;NORDJYLLAND;x;Birthe.Kjaersgaard@Example.net;15-08-2015;Aalborg Øst\r\n" +
            "1002;storkobenhavn;;;01-12-2026;København\r\n");

        var result = await parser.ParseAsync(new MemoryStream(bytes));

        var birthe = Assert.Single(result.Rows);
        Assert.Equal(("nordjylland", "Birthe.Kjaersgaard@Example.net", (string?)null, new DateOnly(2015, 8, 15)), (birthe.District, birthe.Email, birthe.SourceId, birthe.JoinedOn));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, "email or sourceId is required."), (problem.Line, problem.Reason));
    }

    [Fact]
    public async Task ParseAsync_MissingDistrictColumn_IsAHeaderProblemAndNoRows()
    {
        var result = await ParseAsync("email,joinedOn\na@example.org,2026-01-01\n");

        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("lacks the column(s) 'district'", problem.Reason, StringComparison.Ordinal);
    }
}
