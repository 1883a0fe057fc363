using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Functions.Letters;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Letters;

/// <summary>The queue functions send each letter once, and refuse messages that are not work items (so they end in the poison queue).</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class LetterFunctionsTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task SendWelcome_ImportedLeaderTwice_WritesOneLetterToTheOutbox()
    {
        // Arrange
        var services = fixture.CreateServices("");
        var leaderId = await TestLeaders.ImportOneAsync(services, TestLeaders.Unique("welcome"));
        var message = JsonSerializer.Serialize(new WelcomeWorkItem("storkobenhavn", leaderId), WorkItemJsonContext.Default.WelcomeWorkItem);
        var functions = fixture.Create<LetterFunctions>(services);

        // Act: the second call is the host redelivering the message.
        await functions.SendWelcomeAsync(message, default);
        await functions.SendWelcomeAsync(message, default);

        // Assert
        Assert.Single(Directory.GetFiles(FunctionsFixture.OutboxOf(services), "*.eml"));
        Assert.Equal(LeaderState.Welcomed, (await TestLeaders.GetAsync(services, leaderId)).State);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"district":"storkobenhavn"}""")]
    [InlineData("""{"leaderId":"l1"}""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"district":["storkobenhavn"],"leaderId":"l1"}""")]
    public async Task SendWelcome_MalformedMessage_ThrowsSayingWhyWithoutSending(string message)
    {
        // Act
        var exception = await Assert.ThrowsAsync<MalformedWorkItemException>(() => fixture.Create<LetterFunctions>().SendWelcomeAsync(message, default));

        // Assert
        Assert.StartsWith("Malformed message on welcome-letters: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendWelcome_MalformedMessageWithPersonalData_DoesNotQuoteIt()
    {
        // Arrange
        var message = """{"district":"storkobenhavn","leaderId":"l1","name":"Hanne Ødum","email":"hanne@example.org""";

        // Act
        var exception = await Assert.ThrowsAsync<MalformedWorkItemException>(() => fixture.Create<LetterFunctions>().SendWelcomeAsync(message, default));

        // Assert
        Assert.DoesNotContain("Hanne", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hanne@", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"district":"storkobenhavn","leaderId":"l1","followUpNumber":3}""", "followUpNumber must be 1 or 2")]
    [InlineData("""{"district":"storkobenhavn","followUpNumber":1}""", "leaderId is missing")]
    [InlineData("""{"district":"storkobenhavn","leaderId":"l1","followUpNumber":"one"}""", "not the JSON of a FollowUpWorkItem")]
    public async Task SendFollowUp_MalformedMessage_ThrowsNamingTheProblem(string message, string reason)
    {
        // Act
        var exception = await Assert.ThrowsAsync<MalformedWorkItemException>(() => fixture.Create<LetterFunctions>().SendFollowUpAsync(message, default));

        // Assert
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendFollowUp_LeaderThatDoesNotExist_CompletesWithoutSending()
    {
        // Arrange
        var services = fixture.CreateServices("");
        var message = """{"district":"storkobenhavn","leaderId":"l00000000000000000000","followUpNumber":1}""";

        // Act: a work item for a vanished leader is done, not retried into the poison queue.
        await fixture.Create<LetterFunctions>(services).SendFollowUpAsync(message, default);

        // Assert
        Assert.False(Directory.Exists(FunctionsFixture.OutboxOf(services)) && Directory.EnumerateFiles(FunctionsFixture.OutboxOf(services)).Any());
    }

    [Fact]
    public async Task FollowUpSweep_LeaderWelcomedToday_QueuesNoFollowUpForThem()
    {
        // Arrange
        var services = fixture.CreateServices("");
        var leaderId = await TestLeaders.ImportOneAsync(services, TestLeaders.Unique("sweep"));
        await fixture.Create<LetterFunctions>(services).SendWelcomeAsync(
            JsonSerializer.Serialize(new WelcomeWorkItem("storkobenhavn", leaderId), WorkItemJsonContext.Default.WelcomeWorkItem), default);

        // Act
        var queued = await fixture.Create<LetterFunctions>(services).FollowUpSweepAsync(new TimerInfo(), default);

        // Assert: follow-ups are due 30 days after the welcome, not today.
        Assert.DoesNotContain(queued, message => message.Contains(leaderId, StringComparison.Ordinal));
    }
}
