using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery;

namespace Outreach.Core.Tests.Discovery;

public sealed class CsvLeaderFileSourceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("outreach-file-source-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CsvLeaderFileSource CreateSource(string path) =>
        new(Options.Create(new FileLeaderSourceOptions { Path = path }), new LeaderCsvParser(new TestDistricts()), NullLogger<CsvLeaderFileSource>.Instance);

    [Fact]
    public async Task ReadAsync_FileWithGoodAndBadRows_ReturnsBothWithSourceNameFile()
    {
        var path = Path.Combine(folder, "leaders.csv");
        await File.WriteAllTextAsync(path,
            "\uFEFFdistrict,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\r\n" +
            "storkobenhavn,kbh-1,Mette Søndergaard,mette@example.org,Forstander,Bostedet Lærkevej,København,2026-11-01,yes\r\n" +
            "storkobenhavn,kbh-2,Jonas Ærebo,jonas@example,Afdelingsleder,,Frederiksberg,2026-10-15,no\r\n");
        var source = CreateSource(path);

        var result = await source.ReadAsync();

        Assert.Equal("file", source.Name);
        var leader = Assert.Single(result.Leaders);
        Assert.Equal("file", leader.Source);
        Assert.Equal("Mette Søndergaard", leader.Name);
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_Throws()
    {
        var source = CreateSource(Path.Combine(folder, "absent.csv"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => source.ReadAsync());
    }
}
