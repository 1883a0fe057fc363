using System.Text;
using Outreach.Core.Discovery;

namespace Outreach.Core.Tests.Discovery;

public sealed class LeaderCsvParserTests
{
    private const string Header = "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n";

    private readonly LeaderCsvParser parser = new(new TestDistricts());

    private Task<LeaderSourceResult> ParseAsync(string text)
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return parser.ParseAsync(stream, "upload");
    }

    [Fact]
    public async Task ParseAsync_GoodRows_ReturnsLeaders()
    {
        var result = await ParseAsync(Header +
            "storkobenhavn,kbh-1,Mette Søndergaard,Mette@Example.org,Forstander,\"Bostedet Lærkevej, Syd\",København,2026-11-01,yes\n" +
            "Nordjylland,nj-1,Rasmus Nørgaard,rasmus@example.org,,,,,NEJ\n" +
            "nordjylland,nj-2,Line Aabjørn,line@example.org,Pædagogisk leder,Bostedet Skagensvej,Frederikshavn,2026-11-24,ukendt\n");

        Assert.Empty(result.Problems);
        Assert.Empty(result.RemovedSourceIds);
        Assert.Equal(3, result.Leaders.Count);
        var mette = result.Leaders[0];
        Assert.Equal("storkobenhavn", mette.District);
        Assert.Equal("kbh-1", mette.SourceId);
        Assert.Equal("Mette Søndergaard", mette.Name);
        Assert.Equal("Mette@Example.org", mette.Email);
        Assert.Equal("Forstander", mette.JobTitle);
        Assert.Equal("Bostedet Lærkevej, Syd", mette.Workplace);
        Assert.Equal("København", mette.Municipality);
        Assert.Equal(new DateOnly(2026, 11, 1), mette.HireDate);
        Assert.Equal(MembershipStatus.Member, mette.Membership);
        Assert.Equal("upload", mette.Source);
        var rasmus = result.Leaders[1];
        Assert.Equal("nordjylland", rasmus.District);
        Assert.Null(rasmus.JobTitle);
        Assert.Null(rasmus.HireDate);
        Assert.Equal(MembershipStatus.NonMember, rasmus.Membership);
        Assert.Equal(MembershipStatus.Unknown, result.Leaders[2].Membership);
    }

    [Theory]
    [InlineData("fyn,x1,A B,a@example.org,,,,,yes", "district 'fyn' is not a known district")]
    [InlineData(",x1,A B,a@example.org,,,,,yes", "district is missing")]
    [InlineData("storkobenhavn,,A B,a@example.org,,,,,yes", "sourceId is missing")]
    [InlineData("storkobenhavn,x1,,a@example.org,,,,,yes", "name is missing")]
    [InlineData("storkobenhavn,x1,A B,,,,,,yes", "email is missing")]
    [InlineData("storkobenhavn,x1,A B,A B <a@example.org>,,,,,yes", "email is not a valid e-mail address")]
    [InlineData("storkobenhavn,x1,A B,a@example.org,,,,11/01/2026,yes", "hireDate '11/01/2026' is not a date in the form yyyy-mm-dd or dd-mm-yyyy")]
    [InlineData("storkobenhavn,x1,A B,a@example.org,,,,2026-02-30,yes", "hireDate '2026-02-30'")]
    [InlineData("storkobenhavn,x1,A B,a@example.org,,,,,maybe", "member 'maybe' is not one of")]
    [InlineData("storkobenhavn,x1,A B,a@example.org,,,,", "does not have as many fields as the header")]
    [InlineData("storkobenhavn,x1,\"=HYPERLINK(\"\"http://evil.example\"\")\",a@example.org,,,,,yes", "name starts with '='")]
    [InlineData("storkobenhavn,x1,A B,a@example.org,@SUM(1+1),,,,yes", "jobTitle starts with '@'")]
    public async Task ParseAsync_BadRow_IsProblemWithLineAndReason(string row, string expectedReason)
    {
        var result = await ParseAsync(Header + "storkobenhavn,ok-1,Good Row,good@example.org,,,,,no\n" + row + "\n");

        Assert.Equal("ok-1", Assert.Single(result.Leaders).SourceId);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Null(problem.Item);
        Assert.Contains(expectedReason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_SeveralFaultsInOneRow_AreOneProblemNamingEach()
    {
        var result = await ParseAsync(Header + "fyn,,A B,not-an-address,,,,soon,maybe\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("district 'fyn'", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("sourceId is missing", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("email is not a valid", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("hireDate 'soon'", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("member 'maybe'", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_DuplicateSourceIdOrEmail_IsProblemOnLaterLine()
    {
        var result = await ParseAsync(Header +
            "storkobenhavn,x1,A,a@example.org,,,,,yes\n" +
            "storkobenhavn,x1,B,b@example.org,,,,,yes\n" +
            "nordjylland,x2,C,\" A@EXAMPLE.ORG \",,,,,no\n");

        Assert.Equal("x1", Assert.Single(result.Leaders).SourceId);
        Assert.Collection(
            result.Problems,
            first => { Assert.Equal(3, first.Line); Assert.Contains("sourceId is already used on line 2", first.Reason, StringComparison.Ordinal); },
            second => { Assert.Equal(4, second.Line); Assert.Contains("email is already used on line 2", second.Reason, StringComparison.Ordinal); });
    }

    [Fact]
    public async Task ParseAsync_BomCrlfAndEscapedQuotes_ReadsDanishValuesIntact()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header.Replace("\n", "\r\n", StringComparison.Ordinal) +
            "storkobenhavn,kbh-7,Søren Ærø-Åberg,soren@example.org,\"Leder af \"\"Huset\"\"\",Bostedet Østervang,Tårnby,2026-11-30,ja\r\n" +
            "storkobenhavn,kbh-8,Åse Bøg,ase@example,,,,,nej\r\n")).ToArray();

        var result = await parser.ParseAsync(new MemoryStream(bytes), "upload");

        var leader = Assert.Single(result.Leaders);
        Assert.Equal(("Søren Ærø-Åberg", "Leder af \"Huset\"", "Bostedet Østervang", "Tårnby", MembershipStatus.Member), (leader.Name, leader.JobTitle, leader.Workplace, leader.Municipality, leader.Membership));
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task ParseAsync_EmbeddedNewlineBeforeBadRow_ReportsPhysicalLine()
    {
        var result = await ParseAsync(Header +
            "storkobenhavn,x1,A,a@example.org,,\"Bostedet\nLærkevej\",,,yes\n" +
            "storkobenhavn,x2,B,b@example.org,,,,,perhaps\n");

        Assert.Equal("Bostedet\nLærkevej", Assert.Single(result.Leaders).Workplace);
        Assert.Equal(4, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task ParseAsync_WrongHeader_IsProblemOnLineOneAndNoLeaders()
    {
        var result = await ParseAsync("district,sourceId,name,mail,jobTitle,workplace,municipality,hireDate,member\nstorkobenhavn,x1,A,a@example.org,,,,,yes\n");

        Assert.Empty(result.Leaders);
        Assert.All(result.Problems, problem => Assert.Equal(1, problem.Line));
        Assert.Contains(result.Problems, problem => problem.Reason.Contains("'email'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem.Reason.Contains("unknown column(s) 'mail'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ParseAsync_SampleFile_HasOnlyGoodRows()
    {
        await using var stream = File.OpenRead(Path.Combine(RepositoryFiles.Root, "samples", "leaders.csv"));

        var result = await parser.ParseAsync(stream, "file");

        Assert.Empty(result.Problems);
        Assert.Equal(8, result.Leaders.Count);
        Assert.Contains(result.Leaders, leader => leader.Membership == MembershipStatus.Member);
        Assert.Contains(result.Leaders, leader => leader.Membership == MembershipStatus.NonMember);
        Assert.Equal(["nordjylland", "storkobenhavn"], result.Leaders.Select(leader => leader.District).Distinct().Order());
        Assert.All(result.Leaders, leader => Assert.True(leader.Email.EndsWith("@example.org", StringComparison.Ordinal) || leader.Email.EndsWith("@example.net", StringComparison.Ordinal)));
    }
}
