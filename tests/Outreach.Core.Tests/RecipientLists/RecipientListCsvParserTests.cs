using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;
using Outreach.Core.Imports;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Tests.RecipientLists;

public sealed class RecipientListCsvParserTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private readonly RecipientListCsvParser parser = new(Options.Create(new CsvImportOptions()));

    private Task<RecipientListCsvResult> ParseAsync(string text) => parser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task ParseAsync_CommaSeparated_ReadsEveryColumnWithTheEntryKeyAndLine()
    {
        // Act
        var result = await ParseAsync("email,name,municipality,role\nsoren@kandidat.example,Søren Holm,Aarhus,Kandidat\nmette@kandidat.example,Mette Bo,,\n");

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Entries.Count);
        var soren = result.Entries[0];
        Assert.Equal(
            (EmailAddresses.Hash("soren@kandidat.example"), "soren@kandidat.example", "Søren Holm", (string?)"Aarhus", (string?)"Kandidat", 2),
            (soren.Key, soren.Email, soren.Name, soren.Municipality, soren.Role, soren.Line));
        Assert.Equal(((string?)null, (string?)null, 3), (result.Entries[1].Municipality, result.Entries[1].Role, result.Entries[1].Line));
    }

    [Fact]
    public async Task ParseAsync_SemicolonsHeaderInAnyCaseAndOrderWithoutOptionalColumns_ReadsTheRows()
    {
        // Act
        var result = await ParseAsync("Name;EMAIL\r\nBirthe Kjær;birthe@byraad.example\r\n");

        // Assert
        Assert.Empty(result.Problems);
        var birthe = Assert.Single(result.Entries);
        Assert.Equal(("birthe@byraad.example", "Birthe Kjær", (string?)null), (birthe.Email, birthe.Name, birthe.Role));
    }

    [Fact]
    public async Task ParseAsync_Utf8WithByteOrderMark_ReadsTheFirstColumn()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("email;name\nsoren@kandidat.example;Søren\n")).ToArray();

        // Act
        var result = await parser.ParseAsync(new MemoryStream(bytes));

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(("soren@kandidat.example", "Søren"), (Assert.Single(result.Entries).Email, result.Entries[0].Name));
    }

    [Fact]
    public async Task ParseAsync_Windows1252FromDanishExcel_ReadsÅrhusAndSøren()
    {
        // Arrange
        var bytes = Windows1252.GetBytes("email;name;municipality;role\r\nsoren@kandidat.example;Søren Ærø;Århus;Borgmester\r\n");

        // Act
        var result = await parser.ParseAsync(new MemoryStream(bytes));

        // Assert
        Assert.Empty(result.Problems);
        var soren = Assert.Single(result.Entries);
        Assert.Equal(("Søren Ærø", (string?)"Århus"), (soren.Name, soren.Municipality));
    }

    [Fact]
    public async Task ParseAsync_QuotedLineBreak_KeepsTheValueAndCountsPhysicalLines()
    {
        // Act
        var result = await ParseAsync("email,name,municipality,role\na@kandidat.example,\"Anna\nJensen\",Odense,\"Kandidat, liste A\"\nnot-an-address,Bo,,\n");

        // Assert
        var anna = Assert.Single(result.Entries);
        Assert.Equal(("Anna\nJensen", (string?)"Kandidat, liste A", 2), (anna.Name, anna.Role, anna.Line));
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, "email"), (problem.Line, problem.Field));
    }

    [Fact]
    public async Task ParseAsync_BadEmailAndMissingName_ReportsEachByLineAndFieldAndKeepsTheGoodRows()
    {
        // Act
        var result = await ParseAsync("email,name\nok@kandidat.example,Ok\nnot-an-address,Bo\nnoname@kandidat.example,\n,\n");

        // Assert
        Assert.Equal("ok@kandidat.example", Assert.Single(result.Entries).Email);
        Assert.Equal(
            [(3, "email"), (4, "name"), (5, "email"), (5, "name")],
            result.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal("email is not a valid e-mail address.", result.Problems[0].Message);
        Assert.Equal("name is missing.", result.Problems[1].Message);
    }

    [Fact]
    public async Task ParseAsync_SameAddressInAnotherCase_KeepsTheFirstAndReportsTheLaterLine()
    {
        // Act
        var result = await ParseAsync("email,name\nsoren@kandidat.example,Søren\nother@kandidat.example,Other\n SOREN@Kandidat.example ,Søren igen\n");

        // Assert
        Assert.Equal(["soren@kandidat.example", "other@kandidat.example"], result.Entries.Select(e => e.Email));
        var duplicate = Assert.Single(result.Problems);
        Assert.Equal((4, "email"), (duplicate.Line, duplicate.Field));
        Assert.Contains("already on line 2", duplicate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+45 1234")]
    [InlineData("@SUM(A1)")]
    public async Task ParseAsync_FieldStartingAsFormula_RefusesTheRow(string value)
    {
        // Act
        var result = await ParseAsync($"email,name,municipality,role\nf@kandidat.example,\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\",,\n");

        // Assert
        Assert.Empty(result.Entries);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "name"), (problem.Line, problem.Field));
        Assert.Contains("formula", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_UnknownColumn_IsAFileProblemAndNoRows()
    {
        // Act
        var result = await ParseAsync("email,name,partei\na@kandidat.example,A,X\n");

        // Assert
        Assert.Empty(result.Entries);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, "file"), (problem.Line, problem.Field));
        Assert.Contains("'partei'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_FileOverTheByteLimit_IsRefusedWhole()
    {
        // Arrange
        var small = new RecipientListCsvParser(Options.Create(new CsvImportOptions { MaxBytes = 1024 }));
        var text = "email,name\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"p{i}@kandidat.example,Person {i}\n"));

        // Act
        var result = await small.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        // Assert
        Assert.Empty(result.Entries);
        Assert.Equal("file", Assert.Single(result.Problems).Field);
    }
}
