using System.Text.Json;
using Outreach.DevHost.Invocations;
using Outreach.Functions.Invocations;
using TimerScheduleStatus = Outreach.DevHost.Invocations.TimerScheduleStatus;

namespace Outreach.DevHost.Tests.Invocations;

/// <summary>DevHost writes the host's wire shape (reference §1.1), and the handler's own parser reads it back.</summary>
public sealed class InvocationPayloadsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, 123, TimeSpan.Zero);
    private static readonly Guid RandomGuid = Guid.Parse("24ad4c06-7f1e-4c37-9a4e-2b0f0e3c9d11");

    private static readonly QueueMessageDetails Message = new(
        "800ae4b3-2f1c-4c0e-9d35-0a6c2f1e5b77",
        "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
        3,
        new DateTimeOffset(2026, 12, 3, 5, 10, 11, 456, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 10, 5, 10, 11, 456, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 3, 6, 11, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Queue_JsonMessageWithDanishLetters_HandlerDecodesTheExactText()
    {
        const string text = """{"district":"storkobenhavn","leaderId":"Søren \"Æ\" Ålund\\x"}""";

        var body = InvocationPayloads.Queue("SendWelcome", "message", text, Message, Now, RandomGuid);
        var request = JsonSerializer.Deserialize(body, InvocationJsonContext.Default.InvocationRequest)!;

        Assert.Equal(text, InvocationValues.DecodeString(request.Data!["message"]));
    }

    [Fact]
    public void Queue_Metadata_HandlerDecodesDequeueCountIdAndInsertionTime()
    {
        var body = InvocationPayloads.Queue("SendWelcome", "message", "{}", Message, Now, RandomGuid);
        var request = JsonSerializer.Deserialize(body, InvocationJsonContext.Default.InvocationRequest)!;

        var metadata = InvocationValues.DecodeQueueMetadata(request.Metadata);

        Assert.Equal(3, metadata.DequeueCount);
        Assert.Equal(Message.Id, metadata.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 5, 10, 11, TimeSpan.Zero), metadata.InsertionTime);
    }

    [Fact]
    public void Queue_Body_IsInTheHostsWireShape()
    {
        var body = InvocationPayloads.Queue("SendWelcome", "message", "abc", Message, Now, RandomGuid);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;

        Assert.Equal(["Data", "Metadata"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("\"abc\"", root.GetProperty("Data").GetProperty("message").GetString());
        var metadata = root.GetProperty("Metadata");
        Assert.Equal(
            ["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "sys"],
            metadata.EnumerateObject().Select(property => property.Name));
        Assert.Equal("3", metadata.GetProperty("DequeueCount").GetString());
        Assert.Equal("\"800ae4b3-2f1c-4c0e-9d35-0a6c2f1e5b77\"", metadata.GetProperty("Id").GetString());
        Assert.Equal("\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"", metadata.GetProperty("PopReceipt").GetString());
        Assert.Equal("2026-12-03T05:10:11+00:00", metadata.GetProperty("InsertionTime").GetString());
        Assert.Equal("2026-12-10T05:10:11+00:00", metadata.GetProperty("ExpirationTime").GetString());
        Assert.Equal("2026-12-03T06:11:00+00:00", metadata.GetProperty("NextVisibleTime").GetString());
        var sys = metadata.GetProperty("sys");
        Assert.Equal("SendWelcome", sys.GetProperty("MethodName").GetString());
        Assert.Equal("2026-12-03T06:00:00.1230000Z", sys.GetProperty("UtcNow").GetString());
        Assert.Equal("24ad4c06-7f1e-4c37-9a4e-2b0f0e3c9d11", sys.GetProperty("RandGuid").GetString());
    }

    [Fact]
    public void Queue_DanishLetters_AreNotEscapedLikeNewtonsoft()
    {
        var body = InvocationPayloads.Queue("SendWelcome", "message", "Ærø", Message, Now, RandomGuid);

        Assert.Contains("Ærø", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Timer_FirstRun_ScheduleStatusIsNullAndHandlerDecodesIt()
    {
        var body = InvocationPayloads.Timer("DiscoverLeaders", "timer", status: null, isPastDue: false, Now, RandomGuid);
        var request = JsonSerializer.Deserialize(body, InvocationJsonContext.Default.InvocationRequest)!;

        var timer = InvocationValues.DecodeTimer(request.Data!["timer"]);

        Assert.Null(timer.ScheduleStatus);
        Assert.False(timer.IsPastDue);
        using var document = JsonDocument.Parse(body);
        var value = document.RootElement.GetProperty("Data").GetProperty("timer");
        Assert.Equal(JsonValueKind.Null, value.GetProperty("ScheduleStatus").ValueKind);
        Assert.True(value.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.Equal(["sys"], document.RootElement.GetProperty("Metadata").EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void Timer_WithStatusPastDue_HandlerReadsLastNextAndPastDue()
    {
        var last = new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
        var status = new TimerScheduleStatus(last, last.AddDays(1), last.AddSeconds(1));

        var body = InvocationPayloads.Timer("DiscoverLeaders", "timer", status, isPastDue: true, Now, RandomGuid);
        var request = JsonSerializer.Deserialize(body, InvocationJsonContext.Default.InvocationRequest)!;
        var timer = InvocationValues.DecodeTimer(request.Data!["timer"]);

        Assert.True(timer.IsPastDue);
        Assert.Equal(last, timer.ScheduleStatus!.Last);
        Assert.Equal(last.AddDays(1), timer.ScheduleStatus.Next);
    }
}
