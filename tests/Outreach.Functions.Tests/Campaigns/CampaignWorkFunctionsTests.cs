using Outreach.Functions.Campaigns;
using Outreach.Functions.Letters;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>A malformed campaign work item is refused before Core sees it, so the host moves it to the poison queue.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class CampaignWorkFunctionsTests(FunctionsFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"campaignId":""}""")]
    [InlineData("""{"campaignId":42}""")]
    public async Task PlanCampaign_MalformedMessage_ThrowsMalformedWorkItem(string message)
    {
        // Arrange
        var functions = fixture.Create<CampaignWorkFunctions>();

        // Act + Assert
        var exception = await Assert.ThrowsAsync<MalformedWorkItemException>(() => functions.PlanAsync(message, default));
        Assert.Contains("campaign-plans", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"batchNumber":1}""")]
    [InlineData("""{"campaignId":"c-1","batchNumber":-1}""")]
    [InlineData("""{"campaignId":"c-1","batchNumber":"one"}""")]
    public async Task SendCampaignBatch_MalformedMessage_ThrowsMalformedWorkItem(string message)
    {
        // Arrange
        var functions = fixture.Create<CampaignWorkFunctions>();

        // Act + Assert
        var exception = await Assert.ThrowsAsync<MalformedWorkItemException>(() => functions.SendBatchAsync(message, default));
        Assert.Contains("campaign-batches", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c-1", exception.Message, StringComparison.Ordinal);
    }
}
