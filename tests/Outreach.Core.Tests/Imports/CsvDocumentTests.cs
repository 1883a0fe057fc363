using System.Text;
using Outreach.Core.Imports;

namespace Outreach.Core.Tests.Imports;

public sealed class CsvDocumentTests
{
    private static readonly CsvSchema Schema = new(["name", "email"], ["note"]);

    private static CsvDocument Parse(string text) => CsvDocument.Parse(Encoding.UTF8.GetBytes(text), Schema);

    [Fact]
    public void Parse_PlainFile_ReturnsRecordsWithLineNumbers()
    {
        var document = Parse("name,email\nJens Ærø,jens@example.org\nBo,bo@example.org\n");

        Assert.True(document.HeaderIsValid);
        Assert.Empty(document.Problems);
        Assert.Equal(["name", "email"], document.Header);
        Assert.Collection(
            document.Records,
            first => { Assert.Equal(2, first.Line); Assert.Equal("Jens Ærø", first["name"]); Assert.Equal("jens@example.org", first["EMAIL"]); },
            second => { Assert.Equal(3, second.Line); Assert.Equal("Bo", second["name"]); });
    }

    [Fact]
    public void Parse_QuotedFields_UnquotesCommasAndDoubledQuotes()
    {
        var document = Parse("name,email,note\n\"Hansen, Søren\",s@example.org,\"He said \"\"hej\"\"\"\n");

        var record = Assert.Single(document.Records);
        Assert.Equal("Hansen, Søren", record["name"]);
        Assert.Equal("He said \"hej\"", record["note"]);
    }

    [Fact]
    public void Parse_EmbeddedNewline_KeepsValueAndCountsPhysicalLines()
    {
        var document = Parse("name,email,note\r\nA,a@example.org,\"line one\r\nline two\r\nline three\"\r\nB,b@example.org,\r\n");

        Assert.Empty(document.Problems);
        Assert.Equal(2, document.Records[0].Line);
        Assert.Equal("line one\r\nline two\r\nline three", document.Records[0]["note"]);
        Assert.Equal(5, document.Records[1].Line);
        Assert.Equal("", document.Records[1]["note"]);
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,email\nÅse,aase@example.org")).ToArray();

        var document = CsvDocument.Parse(bytes, Schema);

        Assert.True(document.HeaderIsValid);
        Assert.Equal("name", document.Header[0]);
        Assert.Equal("Åse", Assert.Single(document.Records)["name"]);
    }

    [Fact]
    public void Parse_MissingRequiredColumn_ReportsHeaderAndNoRecords()
    {
        var document = Parse("name,note\nA,x\n");

        Assert.False(document.HeaderIsValid);
        Assert.Empty(document.Records);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("'email'", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownColumn_IsReported()
    {
        var document = Parse("name,email,phone\nA,a@example.org,123\n");

        Assert.False(document.HeaderIsValid);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("unknown column(s) 'phone'", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownColumnAllowed_IsIgnored()
    {
        var document = CsvDocument.Parse(Encoding.UTF8.GetBytes("email,name,phone\na@example.org,A,123\n"), new CsvSchema(["name", "email"], allowUnknownColumns: true));

        Assert.True(document.HeaderIsValid);
        Assert.Equal("A", Assert.Single(document.Records)["name"]);
    }

    [Fact]
    public void Parse_DuplicateColumn_IsReported()
    {
        var document = Parse("name,email,Name\n");

        Assert.False(document.HeaderIsValid);
        Assert.Contains(document.Problems, problem => problem.Reason.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnterminatedQuote_IsProblemAtOpeningLineAndEarlierRecordsKept()
    {
        var document = Parse("name,email\nA,a@example.org\nB,\"b@example.org\nC,c@example.org\n");

        Assert.Equal("A", Assert.Single(document.Records)["name"]);
        var problem = Assert.Single(document.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("never closed", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsProblemOnThatLineOnly()
    {
        var bytes = Encoding.UTF8.GetBytes("name,email\nA,a@example.org\n").Concat(new byte[] { 0x53, 0xF8, 0x72, 0x65, 0x6E }) // "Søren" in Windows-1252
            .Concat(Encoding.UTF8.GetBytes(",s@example.org\nC,c@example.org\n")).ToArray();

        var document = CsvDocument.Parse(bytes, Schema);

        Assert.Equal(["A", "C"], document.Records.Select(record => record["name"]));
        var problem = Assert.Single(document.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("UTF-8", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongFieldCount_IsProblemWithLine()
    {
        var document = Parse("name,email\nA,a@example.org,extra\nB\nC,c@example.org");

        Assert.Equal("C", Assert.Single(document.Records)["name"]);
        Assert.Equal([2, 3], document.Problems.Select(problem => problem.Line));
    }

    [Fact]
    public void Parse_QuoteInUnquotedFieldOrTextAfterClosingQuote_IsProblem()
    {
        var document = Parse("name,email\nA\"x,a@example.org\n\"B\"y,b@example.org\n");

        Assert.Empty(document.Records);
        Assert.Equal([2, 3], document.Problems.Select(problem => problem.Line));
    }

    [Fact]
    public void Parse_BlankLinesAndMissingFinalNewline_AreFine()
    {
        var document = Parse("name,email\n\nA,a@example.org\n   \nB,b@example.org");

        Assert.Empty(document.Problems);
        Assert.Equal([3, 5], document.Records.Select(record => record.Line));
    }

    [Fact]
    public void Parse_EmptyFile_IsOneProblem()
    {
        var document = Parse("");

        Assert.False(document.HeaderIsValid);
        Assert.Equal(1, Assert.Single(document.Problems).Line);
    }

    [Fact]
    public void Parse_SemicolonDelimiter_WhenAsked()
    {
        var document = CsvDocument.Parse(Encoding.UTF8.GetBytes("name;email\n\"Bo; Jr\";bo@example.org\n"), Schema, new CsvReadOptions { Delimiter = ';' });

        Assert.Equal("Bo; Jr", Assert.Single(document.Records)["name"]);
    }

    [Fact]
    public async Task ReadAsync_FileLargerThanLimit_IsProblemNotException()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("name,email\n" + new string('x', 2000)));

        var document = await CsvDocument.ReadAsync(stream, Schema, new CsvReadOptions { MaxBytes = 1000 });

        Assert.Empty(document.Records);
        Assert.Null(Assert.Single(document.Problems).Line);
    }

    [Fact]
    public async Task ReadAsync_Stream_ReadsLikeParse()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("name,email\r\nA,a@example.org\r\n"));

        var document = await CsvDocument.ReadAsync(stream, Schema);

        Assert.Equal(2, Assert.Single(document.Records).Line);
    }
}
