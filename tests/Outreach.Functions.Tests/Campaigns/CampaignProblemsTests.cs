using Microsoft.AspNetCore.Http;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;
using Outreach.Functions.Campaigns;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>How Core's refusals reach staff: the rule named in a 409, the field in a 400, an unknown id as a 404.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class CampaignProblemsTests(FunctionsFixture fixture)
{
    private async Task<Answer> AnswerOfAsync(Exception exception)
    {
        var request = HttpCalls.Request(fixture.Services, "POST", "/api/staff/campaigns/c-1/approve");
        var result = await CampaignProblems.AnswerAsync(() => Task.FromException<IResult>(exception));
        return await HttpCalls.RunAsync(result, request);
    }

    [Theory]
    [InlineData("four-eyes", "A letter signed by the chair must be approved by a staff member who did not write or edit it.")]
    [InlineData("approval-required", "Only an approved campaign can be sent; this one is Draft.")]
    [InlineData("not-editable", "A campaign that is Sending cannot be edited.")]
    public async Task AnswerAsync_CampaignRuleException_Answers409NamingTheRule(string rule, string message)
    {
        // Act
        var answer = await AnswerOfAsync(new CampaignRuleException(rule, message));

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Contains(rule, answer.Json["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(rule, answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(message, answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(rule, answer.Json["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswerAsync_InvalidFieldException_Answers400NamingTheField()
    {
        // Act
        var answer = await AnswerOfAsync(new InvalidFieldException("audience.listIds", "There is no list 'l-404'."));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("There is no list 'l-404'.", answer.Json["errors"]!["audience.listIds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswerAsync_CampaignNotFoundException_Answers404()
    {
        // Act
        var answer = await AnswerOfAsync(new CampaignNotFoundException("No campaign 'c-404'."));

        // Assert
        Assert.Equal(404, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task AnswerAsync_ConcurrencyConflictException_Answers409()
    {
        // Act
        var answer = await AnswerOfAsync(new ConcurrencyConflictException());

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task AnswerAsync_AnyOtherException_IsNotTurnedIntoAProblem()
    {
        // Act + Assert: it stays a 500 with the invocation id (UnexpectedErrorMiddleware), not a 4xx that blames the caller.
        await Assert.ThrowsAsync<InvalidOperationException>(() => CampaignProblems.AnswerAsync(() => Task.FromException<IResult>(new InvalidOperationException("boom"))));
    }

    [Theory]
    [InlineData("2027-01-05T09:00:00+01:00", "2027-01-05T08:00:00Z")]
    [InlineData("2027-07-06T09:00:00+02:00", "2027-07-06T07:00:00Z")]
    [InlineData("2027-01-05T08:00Z", "2027-01-05T08:00:00Z")]
    public void ParseAt_TimeWithOffset_IsThatInstantInUtc(string text, string utc)
    {
        // Act
        var (at, problem) = CampaignActions.ParseAt(text);

        // Assert
        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.Zero, at!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ParseAt_Nothing_SendsNow(string? text)
    {
        // Act
        var (at, problem) = CampaignActions.ParseAt(text);

        // Assert
        Assert.Null(problem);
        Assert.Null(at);
    }
}
