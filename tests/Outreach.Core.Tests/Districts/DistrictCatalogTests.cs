using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Email;

namespace Outreach.Core.Tests.Districts;

public sealed class DistrictCatalogTests
{
    [Fact]
    public void AddOutreachDistricts_ShippedDistrictsFile_BindsBothSampleDistricts()
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration());

        var catalog = provider.GetRequiredService<IDistrictCatalog>();

        Assert.Equal(["storkobenhavn", "nordjylland"], catalog.All.Select(district => district.Code));
        var copenhagen = catalog.GetRequired("storkobenhavn");
        Assert.Equal("Socialpædagogerne Storkøbenhavn", copenhagen.DisplayName);
        Assert.False(string.IsNullOrWhiteSpace(copenhagen.Chair.Name));
        Assert.Contains("Tårnby", copenhagen.Municipalities);
        Assert.True(EmailAddresses.IsValid(copenhagen.Sender.Email));
        var north = catalog.GetRequired("nordjylland");
        Assert.Equal("Socialpædagogerne Nordjylland", north.DisplayName);
        Assert.Equal(11, north.Municipalities.Count);
        Assert.Contains("Læsø", north.Municipalities);
        Assert.True(north.SecondFollowUpDelayDays > north.FollowUpDelayDays);
        Assert.StartsWith("https://", north.JoinUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachDistricts_EnvironmentStyleOverride_WinsOverTheFile()
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration(new Dictionary<string, string?>
        {
            ["Outreach:Districts:1:Chair:Name"] = "Karen Thomsen",
        }));

        var north = provider.GetRequiredService<IDistrictCatalog>().GetRequired("nordjylland");

        Assert.Equal("Karen Thomsen", north.Chair.Name);
        Assert.Equal(11, north.Municipalities.Count);
    }

    [Theory]
    [InlineData("nordjylland")]
    [InlineData("NordJylland")]
    [InlineData(" NORDJYLLAND ")]
    public void Find_CodeInAnyCase_ReturnsTheDistrict(string code)
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration());

        var district = provider.GetRequiredService<IDistrictCatalog>().Find(code);

        Assert.Equal("nordjylland", district?.Code);
    }

    [Fact]
    public void Find_UnknownCode_ReturnsNull()
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration());

        Assert.Null(provider.GetRequiredService<IDistrictCatalog>().Find("fyn"));
    }

    [Fact]
    public void GetRequired_UnknownCode_ThrowsNamingTheCodeAndTheKnownDistricts()
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration());
        var catalog = provider.GetRequiredService<IDistrictCatalog>();

        var exception = Assert.Throws<KeyNotFoundException>(() => catalog.GetRequired("fyn"));

        Assert.Contains("'fyn'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("storkobenhavn, nordjylland", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Code", "Stork København", "Outreach:Districts:0:Code")]
    [InlineData("Code", "nordjylland", "is used by more than one district")]
    [InlineData("DisplayName", "", "Outreach:Districts:0:DisplayName is required")]
    [InlineData("Chair:Name", "", "Outreach:Districts:0:Chair:Name is required")]
    [InlineData("Sender:Email", "Lene <lene@example.org>", "Outreach:Districts:0:Sender:Email")]
    [InlineData("Sender:Email", "ikke-en-adresse", "Outreach:Districts:0:Sender:Email")]
    [InlineData("ReplyTo", "sekretariat@", "Outreach:Districts:0:ReplyTo")]
    [InlineData("FollowUpDelayDays", "0", "Outreach:Districts:0:FollowUpDelayDays")]
    [InlineData("SecondFollowUpDelayDays", "30", "Outreach:Districts:0:SecondFollowUpDelayDays")]
    [InlineData("SecondFollowUpDelayDays", "10", "Outreach:Districts:0:SecondFollowUpDelayDays")]
    [InlineData("JoinUrl", "/bliv-medlem", "Outreach:Districts:0:JoinUrl")]
    [InlineData("JoinUrl", "javascript:alert(1)", "Outreach:Districts:0:JoinUrl")]
    [InlineData("TemplateFolder", "../shared", "Outreach:Districts:0:TemplateFolder")]
    [InlineData("Chair:SignatureImageUrl", "http://example.org/signatur.png", "Outreach:Districts:0:Chair:SignatureImageUrl")]
    public void GetService_InvalidDistrict_FailsNamingTheKey(string key, string value, string expected)
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration(new Dictionary<string, string?>
        {
            ["Outreach:Districts:0:" + key] = value,
        }));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDistrictCatalog>());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_SeveralProblems_ReportsEveryOne()
    {
        using var provider = Build(RepositoryFiles.DistrictsConfiguration(new Dictionary<string, string?>
        {
            ["Outreach:Districts:0:Chair:Name"] = "",
            ["Outreach:Districts:1:Sender:Email"] = "nej",
        }));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDistrictCatalog>());

        Assert.Equal(2, exception.Failures.Count());
    }

    [Fact]
    public void StartupValidation_NoDistrictsConfigured_FailsAtStart()
    {
        using var provider = Build(new ConfigurationBuilder().Build());

        var exception = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("at least one district", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(IConfiguration configuration) =>
        new ServiceCollection().AddOutreachDistricts(configuration).BuildServiceProvider();
}
