using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Imports;
using Outreach.Core.Tests.Discovery;

namespace Outreach.Core.Tests.Imports;

public sealed class CsvImportLimitsTests
{
    private static MemoryStream Leaders(int rows) => new(Encoding.UTF8.GetBytes(
        "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n" +
        string.Concat(Enumerable.Range(1, rows).Select(row => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"storkobenhavn,x{row},Leder {row},leder{row}@example.org,,,,,no\n")))));

    private static LeaderCsvParser Parser(CsvImportOptions limits) => new(new TestDistricts(), Options.Create(limits));

    [Fact]
    public async Task ParseAsync_FileLargerThanMaxBytes_IsOneFileProblemAndNoLeaders()
    {
        var result = await Parser(new CsvImportOptions { MaxBytes = 2048 }).ParseAsync(Leaders(100), "upload");

        Assert.Empty(result.Leaders);
        var problem = Assert.Single(result.Problems);
        Assert.Null(problem.Line);
        Assert.Contains("larger than the limit of 2048 bytes", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MoreRowsThanMaxRows_RefusesTheWholeFile()
    {
        var atLimit = await Parser(new CsvImportOptions { MaxRows = 3 }).ParseAsync(Leaders(3), "upload");
        var overLimit = await Parser(new CsvImportOptions { MaxRows = 3 }).ParseAsync(Leaders(4), "upload");

        Assert.Equal(3, atLimit.Leaders.Count);
        Assert.Empty(overLimit.Leaders);
        Assert.Contains("more than 3 rows", Assert.Single(overLimit.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_MembershipExportOverMaxRows_IsRefusedAlike()
    {
        var csv = new MemoryStream(Encoding.UTF8.GetBytes("district,email\nstorkobenhavn,a@example.org\nstorkobenhavn,b@example.org\n"));

        var result = await new MembershipCsvParser(new TestDistricts(), Options.Create(new CsvImportOptions { MaxRows = 1 })).ParseAsync(csv);

        Assert.Empty(result.Rows);
        Assert.Contains("more than 1 rows", Assert.Single(result.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachDiscovery_LimitOutOfRange_FailsAtStartNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Imports:MaxRows"] = "0",
            ["Outreach:Imports:MaxFieldLength"] = "64",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IDistrictCatalog, TestDistricts>()
            .AddOutreachDiscovery(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<LeaderCsvParser>());

        Assert.Contains("Outreach:Imports:MaxRows", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOutreachDiscovery_ConfiguredFieldLength_IsWhatTheParsersCheck()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Outreach:Imports:MaxFieldLength"] = "16" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IDistrictCatalog, TestDistricts>()
            .AddOutreachDiscovery(configuration).BuildServiceProvider();
        var csv = new MemoryStream(Encoding.UTF8.GetBytes("district,email\nstorkobenhavn,seventeen.chars@example.org\n"));

        var result = await provider.GetRequiredService<MembershipCsvParser>().ParseAsync(csv);

        Assert.Equal("email is longer than 16 characters.", Assert.Single(result.Problems).Reason);
    }
}
