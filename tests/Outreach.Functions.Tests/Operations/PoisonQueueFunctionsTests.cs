using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Operations;

namespace Outreach.Functions.Tests.Operations;

/// <summary>The letters' poison queues as admins list, requeue and discard their messages (each test finds its own by id).</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class PoisonQueueFunctionsTests(FunctionsFixture fixture)
{
    private PoisonQueueFunctions Functions => fixture.Create<PoisonQueueFunctions>();

    private QueueServiceClient Queues => fixture.Services.GetRequiredService<QueueServiceClient>();

    [Fact]
    public async Task ListPoisonMessages_WorkItemAndGarbage_ShowsTheLeaderAndTheStartOfTheGarbage()
    {
        // Arrange
        var leaderId = "l" + Guid.NewGuid().ToString("N")[..20];
        var good = await PoisonAsync("welcome-letters-poison", $$"""{"district":"storkobenhavn","leaderId":"{{leaderId}}"}""");
        var bad = await PoisonAsync("follow-up-letters-poison", "{not json " + leaderId);

        // Act
        var answer = await HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/poison", apiKey: FunctionsFixture.AdminMemberKey), request => Functions.ListAsync(request, default));

        // Assert
        Assert.Equal(200, answer.Status);
        var messages = answer.Json.AsArray();
        var listedGood = Assert.Single(messages, m => m!["messageId"]!.GetValue<string>() == good)!;
        Assert.Equal(("welcome-letters-poison", leaderId, false), (listedGood["queue"]!.GetValue<string>(), listedGood["leaderId"]!.GetValue<string>(), listedGood["malformed"]!.GetValue<bool>()));
        var listedBad = Assert.Single(messages, m => m!["messageId"]!.GetValue<string>() == bad)!;
        Assert.True(listedBad["malformed"]!.GetValue<bool>());
        Assert.Equal("{not json " + leaderId, listedBad["preview"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequeuePoisonMessage_Message_PutsItBackOnTheFollowUpQueueAndOffThePoisonQueue()
    {
        // Arrange
        var text = $$"""{"district":"storkobenhavn","leaderId":"l{{Guid.NewGuid():N}}","followUpNumber":1}""";
        var id = await PoisonAsync("follow-up-letters-poison", text);

        // Act
        var answer = await CallAsync("POST", "follow-up-letters-poison", id, requeue: true);
        var again = await CallAsync("POST", "follow-up-letters-poison", id, requeue: true);

        // Assert
        Assert.Equal(204, answer.Status);
        Assert.Equal(404, again.Status);
        Assert.True(await TakeAsync("follow-up-letters", text));
    }

    [Fact]
    public async Task DiscardPoisonMessage_Message_DeletesIt()
    {
        // Arrange
        var id = await PoisonAsync("follow-up-letters-poison", "garbage " + Guid.NewGuid());

        // Act
        var answer = await CallAsync("DELETE", "follow-up-letters-poison", id, requeue: false);
        var again = await CallAsync("DELETE", "follow-up-letters-poison", id, requeue: false);

        // Assert
        Assert.Equal(204, answer.Status);
        Assert.Equal(404, again.Status);
    }

    [Theory]
    [InlineData("welcome-letters", "m1", "queue")]
    [InlineData("leaders", "m1", "queue")]
    [InlineData("WELCOME-LETTERS-POISON", "m1", "queue")]
    [InlineData("welcome-letters-poison", "a\u0001b", "messageId")]
    public async Task DiscardPoisonMessage_QueueOrIdThatIsNotOne_Answers400NamingIt(string queue, string messageId, string field)
    {
        // Act
        var answer = await CallAsync("DELETE", queue, messageId, requeue: false);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]![field]);
    }

    [Theory]
    [InlineData(nameof(PoisonQueueFunctions.ListAsync), null, 401)]
    [InlineData(nameof(PoisonQueueFunctions.ListAsync), FunctionsFixture.StaffMemberKey, 403)]
    [InlineData(nameof(PoisonQueueFunctions.RequeueAsync), FunctionsFixture.StaffMemberKey, 403)]
    [InlineData(nameof(PoisonQueueFunctions.DiscardAsync), FunctionsFixture.StaffMemberKey, 403)]
    [InlineData(nameof(PoisonQueueFunctions.DiscardAsync), null, 401)]
    [InlineData(nameof(PoisonQueueFunctions.RequeueAsync), FunctionsFixture.AdminMemberKey, 200)]
    [InlineData(nameof(PoisonQueueFunctions.DiscardAsync), FunctionsFixture.AdminMemberKey, 200)]
    public async Task PoisonQueueFunctions_Principal_IsLetInAsAdminOnly(string method, string? apiKey, int status)
    {
        // Act + Assert
        Assert.Equal(status, await OperationsAccess.StatusAsync(fixture.Services, typeof(PoisonQueueFunctions), method, apiKey));
    }

    private Task<Answer> CallAsync(string method, string queue, string messageId, bool requeue) =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, method, $"/api/staff/poison/{queue}/{messageId}" + (requeue ? "/requeue" : ""), apiKey: FunctionsFixture.AdminMemberKey),
            request => requeue ? Functions.RequeueAsync(request, queue, messageId, default) : Functions.DiscardAsync(request, queue, messageId, default));

    // As the host leaves a message on a poison queue (which it creates with the first one).
    private async Task<string> PoisonAsync(string queue, string text)
    {
        var client = Queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync();
        return (await client.SendMessageAsync(text)).Value.MessageId;
    }

    // Finds the message with `text` and deletes it; every other message is made visible again at once.
    private async Task<bool> TakeAsync(string queue, string text)
    {
        var client = Queues.GetQueueClient(queue);
        var others = new List<Azure.Storage.Queues.Models.QueueMessage>();
        var found = false;
        for (var page = (await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value; page.Length > 0 && !found; page = (await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
        {
            foreach (var message in page)
            {
                if (!found && message.Body.ToString() == text)
                {
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    found = true;
                }
                else
                {
                    others.Add(message);
                }
            }
        }

        foreach (var other in others)
        {
            await client.UpdateMessageAsync(other.MessageId, other.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        return found;
    }
}
