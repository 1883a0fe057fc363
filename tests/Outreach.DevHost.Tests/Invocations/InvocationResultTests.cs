using System.Net;
using System.Text.Json;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Invocations;

namespace Outreach.DevHost.Tests.Invocations;

/// <summary>DevHost reads the handler's answer as the host does (reference §2.1-2.2).</summary>
public sealed class InvocationResultTests
{
    private static readonly FunctionDefinition Discover = FunctionAppDefinition.Load(RepositoryFiles.Root).Functions.Single(function => function.Name == "DiscoverLeaders");

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotFound)]
    public void FromResponse_NonSuccessStatus_FailsAndIgnoresOutputs(HttpStatusCode status)
    {
        var result = InvocationResult.FromResponse(Discover, status, "application/json", """{"Outputs":{"welcomes":["x"]}}""");

        Assert.False(result.Succeeded);
        Assert.Empty(result.QueueOutputs);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public void FromResponse_SuccessWithoutJsonContentType_Fails(string? mediaType)
    {
        var result = InvocationResult.FromResponse(Discover, HttpStatusCode.OK, mediaType, """{"Outputs":{}}""");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void FromResponse_JsonThatIsNotAnObject_Fails()
    {
        var result = InvocationResult.FromResponse(Discover, HttpStatusCode.OK, "application/json", "[1,2]");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void FromResponse_ArrayOfStrings_OneMessagePerElementAndLogsKept()
    {
        var result = InvocationResult.FromResponse(
            Discover, HttpStatusCode.OK, "application/json", """{"outputs":{"welcomes":["{\"a\":1}","abcd"]},"Logs":["2 queued"],"ReturnValue":null}""");

        Assert.True(result.Succeeded);
        Assert.Equal(["{\"a\":1}", "abcd"], result.QueueOutputs["welcomes"]);
        Assert.Equal(["2 queued"], result.Logs);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void FromResponse_BareBase64String_EnqueuesDecodedTextWithAWarning()
    {
        var result = InvocationResult.FromResponse(Discover, HttpStatusCode.OK, "application/json", """{"Outputs":{"welcomes":"aGVsbG8gd29ybGQ="}}""");

        Assert.Equal(["hello world"], result.QueueOutputs["welcomes"]);
        Assert.Contains(result.Warnings, warning => warning.Contains("base64", StringComparison.Ordinal));
    }

    [Fact]
    public void FromResponse_StringHoldingAJsonArray_EnqueuesEachElement()
    {
        var result = InvocationResult.FromResponse(Discover, HttpStatusCode.OK, "application/json", """{"Outputs":{"welcomes":"[\"m1\",\"m2\"]"}}""");

        Assert.Equal(["m1", "m2"], result.QueueOutputs["welcomes"]);
    }

    [Fact]
    public void FromResponse_OutputNameInOtherCase_IsIgnoredWithAWarning()
    {
        var result = InvocationResult.FromResponse(Discover, HttpStatusCode.OK, "application/json", """{"Outputs":{"Welcomes":["x"]}}""");

        Assert.True(result.Succeeded);
        Assert.Empty(result.QueueOutputs);
        Assert.Contains(result.Warnings, warning => warning.Contains("case-sensitive", StringComparison.Ordinal));
    }

    [Fact]
    public void QueueMessages_ObjectsInArray_BecomeTheirJson()
    {
        using var document = JsonDocument.Parse("""[{"b":2}, null, "t"]""");

        var messages = InvocationResult.QueueMessages("welcomes", document.RootElement, []);

        Assert.Equal(["{\"b\":2}", "t"], messages);
    }
}
