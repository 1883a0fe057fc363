using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Newsletters;

namespace Outreach.Core.Tests.Newsletters;

public sealed class NewsletterScheduleValidatorTests
{
    private static DistrictCatalogOptions Catalog(params string?[] schedules)
    {
        var options = new DistrictCatalogOptions();
        foreach (var (schedule, index) in schedules.Select((s, i) => (s, i)))
        {
            options.Districts.Add(new DistrictOptions { Code = $"d{index}", NewsletterSchedule = schedule });
        }

        return options;
    }

    [Fact]
    public void Validate_ValidOrNoSchedules_Succeeds()
    {
        // Act
        var result = new NewsletterScheduleValidator().Validate(null, Catalog("0 0 9 1-7 * 2", null, ""));

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_BadSchedule_FailsNamingTheKey()
    {
        // Act
        var result = new NewsletterScheduleValidator().Validate(null, Catalog("0 0 9 1-7 * 2", "0 9 * * 2"));

        // Assert
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Outreach:Districts:1:NewsletterSchedule", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachNewsletters_BadScheduleInConfiguration_FailsWhenTheCatalogIsRead()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Districts:0:Code"] = "storkobenhavn",
            ["Outreach:Districts:0:NewsletterSchedule"] = "every first tuesday",
        }).Build();
        var services = new ServiceCollection().AddOutreachDistricts(configuration).AddOutreachNewsletters(configuration);
        using var provider = services.BuildServiceProvider();

        // Act
        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DistrictCatalogOptions>>().Value);

        // Assert
        Assert.Contains(refused.Failures, f => f.StartsWith("Outreach:Districts:0:NewsletterSchedule", StringComparison.Ordinal));
    }
}
