using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Newsletters;
using Outreach.Functions.RecipientLists;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>
/// The worker's own container can create the issue-10 function classes, i.e. Core's Add… extensions register every
/// service they take.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class CampaignServicesRegistrationTests(FunctionsFixture fixture)
{
    [Theory]
    [InlineData(typeof(CampaignFunctions))]
    [InlineData(typeof(NewsletterFunctions))]
    [InlineData(typeof(RecipientListFunctions))]
    [InlineData(typeof(CampaignWorkFunctions))]
    public void FunctionClass_FromTheWorkersContainer_CanBeCreated(Type functions)
    {
        // Arrange
        var services = fixture.CreateServices("");

        // Act
        var instance = ActivatorUtilities.CreateInstance(services, functions);

        // Assert
        Assert.IsType(functions, instance);
    }
}
