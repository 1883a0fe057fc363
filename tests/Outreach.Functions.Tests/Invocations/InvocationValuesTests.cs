using System.Text.Json;
using Outreach.Functions.Invocations;

namespace Outreach.Functions.Tests.Invocations;

public sealed class InvocationValuesTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void DecodeString_HostDoubleEncodedJsonMessage_ReturnsMessageText()
    {
        var value = Json("\"\\\"{\\\\\\\"district\\\\\\\":\\\\\\\"nordjylland\\\\\\\"}\\\"\"");

        var text = InvocationValues.DecodeString(value);

        Assert.Equal("{\"district\":\"nordjylland\"}", text);
    }

    [Fact]
    public void DecodeString_HostDoubleEncodedPlainText_ReturnsTextWithoutQuotes()
    {
        var text = InvocationValues.DecodeString(Json("\"\\\"aaaaa\\\"\""));

        Assert.Equal("aaaaa", text);
    }

    [Fact]
    public void DecodeString_EncodedOnlyOnce_ReturnsValueAsIs()
    {
        var text = InvocationValues.DecodeString(Json("\"{\\\"a\\\":1}\""));

        Assert.Equal("{\"a\":1}", text);
    }

    [Fact]
    public void DecodeQueueMetadata_HostStrings_ParsesDequeueCountIdAndInsertionTime()
    {
        var request = JsonSerializer.Deserialize(HostPayloads.Queue("{}", dequeueCount: 3), InvocationJsonContext.Default.InvocationRequest)!;

        var metadata = InvocationValues.DecodeQueueMetadata(request.Metadata);

        Assert.Equal(3, metadata.DequeueCount);
        Assert.Equal("800ae4b3-2f1c-4c0e-9d35-0a6c2f1e5b77", metadata.Id);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), metadata.InsertionTime);
    }

    [Fact]
    public void DecodeQueueMetadata_NumericDequeueCount_IsAccepted()
    {
        var metadata = InvocationValues.DecodeQueueMetadata(new Dictionary<string, JsonElement> { ["DequeueCount"] = Json("2") });

        Assert.Equal(2, metadata.DequeueCount);
    }

    [Fact]
    public void DecodeQueueMetadata_NonNumericDequeueCount_IsMalformed()
    {
        var metadata = new Dictionary<string, JsonElement> { ["DequeueCount"] = Json("\"many\"") };

        Assert.Throws<MalformedInvocationException>(() => InvocationValues.DecodeQueueMetadata(metadata));
    }

    [Fact]
    public void DecodeTimer_NullScheduleStatus_ReturnsTimerWithoutStatus()
    {
        var request = JsonSerializer.Deserialize(HostPayloads.TimerWithoutStatus("DiscoverLeaders", pastDue: true), InvocationJsonContext.Default.InvocationRequest)!;

        var timer = InvocationValues.DecodeTimer(request.Data!["timer"]);

        Assert.Null(timer.ScheduleStatus);
        Assert.True(timer.IsPastDue);
    }

    [Fact]
    public void DecodeTimer_MonitoredSchedule_ReadsNextOccurrence()
    {
        var request = JsonSerializer.Deserialize(HostPayloads.TimerWithStatus("DiscoverLeaders"), InvocationJsonContext.Default.InvocationRequest)!;

        var timer = InvocationValues.DecodeTimer(request.Data!["timer"]);

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 6, 0, 0, TimeSpan.Zero), timer.ScheduleStatus?.Next);
    }

    [Fact]
    public void DecodeTimer_Array_IsMalformed()
    {
        Assert.Throws<MalformedInvocationException>(() => InvocationValues.DecodeTimer(Json("[1]")));
    }

    [Fact]
    public void ToResponse_QueueMessages_AreArraysOfWorkItemJsonStrings()
    {
        var result = new InvocationResult()
            .AddQueueMessages("welcomes", [new Core.Letters.WelcomeWorkItem("nordjylland", "L1")], Core.Letters.WorkItemJsonContext.Default.WelcomeWorkItem);

        var json = JsonSerializer.Serialize(result.ToResponse(), InvocationJsonContext.Default.InvocationResponse);

        Assert.Equal("""{"Outputs":{"welcomes":["{\u0022district\u0022:\u0022nordjylland\u0022,\u0022leaderId\u0022:\u0022L1\u0022}"]},"Logs":[],"ReturnValue":null}""", json);
    }
}
