using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Core.Unsubscribe;
using Outreach.Functions.Tests.Leaders;
using Outreach.Functions.Unsubscribe;

namespace Outreach.Functions.Tests.Unsubscribe;

/// <summary>The link in every letter: a confirmation page for people, a one-click POST (RFC 8058) for mail clients.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class UnsubscribeFunctionsTests(FunctionsFixture fixture)
{
    private UnsubscribeFunctions Functions => fixture.Create<UnsubscribeFunctions>();

    [Fact]
    public async Task Page_ValidLink_AsksInDanishWithAButtonAndChangesNothing()
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync();
        var request = HttpCalls.Request(fixture.Services, "GET", link.PathAndQuery);

        // Act
        var page = await HttpCalls.RunAsync(Functions.ShowPage(request), request);

        // Assert
        Assert.Equal(200, page.Status);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("Ja, afmeld mig", page.Text, StringComparison.Ordinal);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Fact]
    public async Task OneClickPost_ValidLink_OptsTheLeaderOut()
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync();
        var request = HttpCalls.Request(fixture.Services, "POST", link.PathAndQuery, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");

        // Act
        var answer = await HttpCalls.RunAsync(await Functions.UnsubscribeAsync(request, default), request);

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal(LeaderState.OptedOut, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Fact]
    public async Task Page_NewsletterLink_OffersEveryCategoryWithTheNewsletterChosen()
    {
        // Arrange
        var (_, link) = await ImportLeaderAsync(OptOutCategory.Newsletter);
        var request = HttpCalls.Request(fixture.Services, "GET", link.PathAndQuery);

        // Act
        var page = await HttpCalls.RunAsync(Functions.ShowPage(request), request);

        // Assert
        Assert.Contains("value=\"newsletter\" checked", page.Text, StringComparison.Ordinal);
        foreach (var value in new[] { "campaigns", "outreach", "all" })
        {
            Assert.Contains($"value=\"{value}\">", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PagePost_AllChosenFromANewsletterLink_OptsTheLeaderOutOfEverything()
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync(OptOutCategory.Newsletter);
        var request = HttpCalls.Request(fixture.Services, "POST", link.PathAndQuery, "category=all", "application/x-www-form-urlencoded");

        // Act
        var answer = await HttpCalls.RunAsync(await Functions.UnsubscribeAsync(request, default), request);

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Contains("al post fra os", answer.Text, StringComparison.Ordinal);
        Assert.Equal(LeaderState.OptedOut, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Fact]
    public async Task PagePost_NewsletterChosenFromAnOutreachLink_LeavesTheOutreachLettersOn()
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync();
        var request = HttpCalls.Request(fixture.Services, "POST", link.PathAndQuery, "category=newsletter", "application/x-www-form-urlencoded");

        // Act
        var answer = await HttpCalls.RunAsync(await Functions.UnsubscribeAsync(request, default), request);

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Contains("nyhedsbrevet", answer.Text, StringComparison.Ordinal);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Theory]
    [InlineData("category=everything")]
    [InlineData("category=all&category=outreach")]
    public async Task PagePost_UnknownChoice_Answers400AndOptsNobodyOut(string form)
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync();
        var request = HttpCalls.Request(fixture.Services, "POST", link.PathAndQuery, form, "application/x-www-form-urlencoded");

        // Act
        var answer = await HttpCalls.RunAsync(await Functions.UnsubscribeAsync(request, default), request);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("tampered")]
    [InlineData("control\u0001")]
    public async Task OneClickPost_ForgedOrMissingToken_Answers400AndOptsNobodyOut(string token)
    {
        // Arrange
        var (leaderId, link) = await ImportLeaderAsync();
        var real = HttpUtility.ParseQueryString(link.Query)["token"]!;
        var sent = token == "tampered" ? real[..^1] + (real[^1] == 'A' ? 'B' : 'A') : token;
        var request = HttpCalls.Request(fixture.Services, "POST", "/api/public/unsubscribe?token=" + Uri.EscapeDataString(sent));

        // Act
        var answer = await HttpCalls.RunAsync(await Functions.UnsubscribeAsync(request, default), request);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    private async Task<(string LeaderId, Uri Link)> ImportLeaderAsync(OptOutCategory category = OptOutCategory.Outreach)
    {
        var person = TestLeaders.Unique("afmeld");
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, person);
        var link = fixture.Services.GetRequiredService<IUnsubscribeTokens>().CreateLink("storkobenhavn", person + "@example.org", category);
        return (leaderId, link);
    }
}
